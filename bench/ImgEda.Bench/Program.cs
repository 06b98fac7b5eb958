using System.Diagnostics;
using System.Text.Json.Nodes;
using ImgEda.Core.Running;
using ImgEda.Merge;

// Benchmarks of merge's parts that the step benchmarks (bench/run.sh) do not cover. Prints one markdown table row each.
//   near-duplicates N      N synthetic 64-bit hashes with planted groups, threshold 8: the index, its recall, and an
//                          exhaustive pairwise run on the first 20,000 (time ratio, agreement)
//   near-variants N        N synthetic images, each with a pHash, a mirror pHash and 6 crop pHashes (8N hashes), with
//                          planted groups of plain, mirrored and cropped copies: merge's grouping (DuplicateFinder)
//   merge-records N        N analyze + hash records on disk, merged by MergeRunner
//   leakage N              the same N images' records twice, flat and in train/val/test class folders (1% exact
//                          copies, 3% near copies, most across splits), merged alternately 3 times each: what split
//                          and label detection and leakage cost merge
//   manifest-files N       N made-up images (SyntheticRecords) merged, then manifest.csv and manifest.parquet
//                          written from the same lines, 3 times each: what the Parquet file costs beside the CSV
//   tune-phash             hash's low-texture rule and merge's near-duplicate threshold chosen on the tuning half
//                          of the fetched photos (IMGEDA_PHOTOS): see PhashTuning; exits 2 when they differ from the
//                          code's
//   tune-blur [tuning|test] analyze's blur threshold chosen on copies of one half of the fetched photos (the tuning
//                          half unless told): blurred everywhere, and sharp only in their most detailed tenth; see
//                          BlurTuning; exits 2 when the choice differs from analyze's default
//   plot-input N DIR       N made-up analyze + hash records (ImgEda.Testing's SyntheticRecords) merged into DIR/merge:
//                          the input of a plot benchmark (bench/plot.sh)
return args switch
{
    ["near-duplicates", var n] => NearDuplicates(int.Parse(n)),
    ["near-variants", var n] => NearVariants(int.Parse(n)),
    ["merge-records", var n] => MergeRecords(int.Parse(n)),
    ["leakage", var n] => Leakage(int.Parse(n)),
    ["manifest-files", var n] => ManifestFiles(int.Parse(n)),
    ["plot-input", var n, var dir] => PlotInput(int.Parse(n), dir),
    ["tune-phash"] => PhashTuning.Run(),
    ["tune-blur"] => BlurTuning.Run("tuning"),
    ["tune-blur", var half] when half is "tuning" or "test" => BlurTuning.Run(half),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ImgEda.Bench near-duplicates N | near-variants N | merge-records N | leakage N"
        + " | manifest-files N | plot-input N DIR | tune-phash"
        + " | tune-blur [tuning|test]");
    return 1;
}

static int PlotInput(int count, string dir)
{
    var records = Directory.CreateTempSubdirectory("imgeda-bench-plot-").FullName;
    try
    {
        ImgEda.Testing.SyntheticRecords.Write(records, count);
        new MergeRunner(new DatasetContext(records, [], null, StepLog.ToStderr("merge", false)), 8).Run();
        var merge = Path.Combine(dir, "merge");
        if (Directory.Exists(merge)) Directory.Delete(merge, recursive: true);
        Directory.CreateDirectory(dir);
        Directory.Move(Path.Combine(records, "out"), merge);
        return 0;
    }
    finally
    {
        Directory.Delete(records, recursive: true);
    }
}

static int NearDuplicates(int count)
{
    const int threshold = 8, groupSize = 5;
    var groups = count / 100;
    var hashes = PlantedHashes(count, groups, groupSize, threshold, seed: 42);

    var clock = Stopwatch.StartNew();
    var sets = new UnionFind(count);
    long pairs = 0;
    NearDuplicateIndex.FindPairs(hashes, threshold, (a, b, _) => { sets.Union(a, b); pairs++; });
    var indexSeconds = clock.Elapsed.TotalSeconds;
    // Recall: every planted member must share its group's component (members are within 2 x 4 flips of each other,
    // and each is within 4 of the seed, so the seed links them all).
    var found = 0;
    for (var g = 0; g < groups; g++)
        for (var m = 1; m < groupSize; m++) if (sets.Find(g * groupSize) == sets.Find(g * groupSize + m)) found++;
    var recall = 100.0 * found / (groups * (groupSize - 1));
    var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;

    var sample = hashes.AsSpan(0, Math.Min(20_000, count)).ToArray();
    var indexed = new HashSet<(int, int)>();
    clock.Restart();
    NearDuplicateIndex.FindPairs(sample, threshold, (a, b, _) => indexed.Add((a, b)));
    var indexSample = clock.Elapsed.TotalSeconds;
    var exhaustive = new HashSet<(int, int)>();
    clock.Restart();
    NearDuplicateIndex.FindPairsExhaustively(sample, threshold, (a, b, _) => exhaustive.Add((a, b)));
    var exhaustiveSample = clock.Elapsed.TotalSeconds;
    var agree = indexed.SetEquals(exhaustive);

    Console.WriteLine($"| near-duplicate grouping, {count:N0} hashes, threshold {threshold} | " +
                      $"{indexSeconds:F1} s, peak {peakMb} MB, {pairs:N0} pairs, recall {recall:F2}% | " +
                      "<= 60 s, <= 2 GB |");
    var extrapolated = exhaustiveSample * Math.Pow((double)count / sample.Length, 2);
    Console.WriteLine($"| {sample.Length:N0} hashes: index vs exhaustive pairwise | " +
                      $"{indexSample:F2} s vs {exhaustiveSample:F2} s, " +
                      $"pairs {indexed.Count:N0} vs {exhaustive.Count:N0}, {(agree ? "identical" : "DIFFERENT")}; " +
                      $"exhaustive at {count:N0} would take ~{extrapolated:F0} s (quadratic), " +
                      $"{extrapolated / indexSeconds:F0}x the index | identical |");
    return recall == 100 && agree ? 0 : 1;
}

static int NearVariants(int count)
{
    const int threshold = 8, groupSize = 5, crops = 6;
    var groups = count / 100;
    var random = new Random(43);
    ulong Random64() => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
    ulong Near(ulong hash)
    {
        foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(random.Next(threshold + 1)))
            hash ^= 1UL << bit;
        return hash;
    }
    var images = new PhashVariants[count];
    for (var i = 0; i < count; i++)
        images[i] = new PhashVariants(Random64(), Random64(), [.. Enumerable.Range(0, crops).Select(_ => Random64())]);
    // Each group: a seed, a plain copy, a mirrored copy (near the seed's mirror pHash), a cropped copy (near one of the
    // seed's crop pHashes), and a mirrored copy's plain copy.
    for (var g = 0; g < groups; g++)
    {
        var seed = images[g * groupSize];
        images[g * groupSize + 1] = images[g * groupSize + 1] with { Phash = Near(seed.Phash) };
        images[g * groupSize + 2] = images[g * groupSize + 2] with { Phash = Near(seed.Mirror!.Value) };
        images[g * groupSize + 3] = images[g * groupSize + 3] with { Phash = Near(seed.Crops[random.Next(crops)]) };
        images[g * groupSize + 4] = images[g * groupSize + 4] with { Phash = images[g * groupSize + 2].Phash };
    }

    var clock = Stopwatch.StartNew();
    var sets = new UnionFind(count);
    DuplicateFinder.LinkNear(images, threshold, sets);
    var seconds = clock.Elapsed.TotalSeconds;
    int found = 0, mirroredRight = 0;
    for (var g = 0; g < groups; g++)
    {
        var (root, seedMirrored) = sets.FindOriented(g * groupSize);
        for (var m = 1; m < groupSize; m++)
        {
            var (memberRoot, mirrored) = sets.FindOriented(g * groupSize + m);
            if (memberRoot != root) continue;
            found++;
            if ((mirrored != seedMirrored) == m is 2 or 4) mirroredRight++;
        }
    }
    var recall = 100.0 * found / (groups * (groupSize - 1));
    var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;
    Console.WriteLine($"| near-duplicate grouping with mirrors and crops, {count:N0} images " +
        $"({count * (2 + crops):N0} " +
        $"hashes), threshold {threshold} | {seconds:F1} s, peak {peakMb} MB, recall {recall:F2}%, mirrored marked " +
        $"right {100.0 * mirroredRight / Math.Max(1, found):F2}% | <= 60 s, <= 2 GB |");
    return recall == 100 && mirroredRight == found ? 0 : 1;
}

static ulong[] PlantedHashes(int count, int groups, int groupSize, int threshold, int seed)
{
    var random = new Random(seed);
    var hashes = new ulong[count];
    for (var i = 0; i < count; i++) hashes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
    for (var g = 0; g < groups; g++)
    {
        for (var m = 1; m < groupSize; m++)
        {
            var h = hashes[g * groupSize];
            var flips = random.Next(threshold / 2 + 1);
            var bitsToFlip = Enumerable.Range(0, 64)
                .OrderBy(_ => random.Next())
                .Take(flips);
            foreach (var bit in bitsToFlip) h ^= 1UL << bit;
            hashes[g * groupSize + m] = h;
        }
    }
    return hashes;
}

static int MergeRecords(int count)
{
    var root = Directory.CreateTempSubdirectory("imgeda-bench-merge-").FullName;
    try
    {
        var random = new Random(7);
        foreach (var step in new[] { "analyze", "hash" })
            Directory.CreateDirectory(Path.Combine(root, step, "images", "d"));
        for (var i = 0; i < count; i++)
        {
            var path = $"d/img{i:D6}.jpg";
            var analyze = new JsonObject
            {
                ["path"] = path,
                ["input"] = "images",
                ["format"] = "jpeg",
                ["width"] = 640 + i % 7,
                ["height"] = 480,
                ["aspect_ratio"] = 1.3333,
                ["sha256"] = $"{i:x64}",
                ["is_dark"] = i % 10 == 0,
                ["exif"] = new JsonObject { ["camera_make"] = "Cam", ["iso"] = 100 },
            };
            var hash = new JsonObject
            {
                ["path"] = path,
                ["input"] = "images",
                ["sha256"] = $"{i:x64}",
                ["phash"] = ((ulong)random.NextInt64()).ToString("x16"),
                ["is_low_texture"] = false,
            };
            File.WriteAllText(Path.Combine(root, "analyze", "images", path + ".json"), analyze.ToJsonString());
            File.WriteAllText(Path.Combine(root, "hash", "images", path + ".json"), hash.ToJsonString());
        }
        var clock = Stopwatch.StartNew();
        new MergeRunner(new DatasetContext(root, [], null, StepLog.ToStderr("merge", false)), 8).Run();
        var seconds = clock.Elapsed.TotalSeconds;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;
        Console.WriteLine($"| merge of {count:N0} images ({2 * count:N0} record files) | " +
                          $"{seconds:F1} s, peak {peakMb} MB | <= 15 s |");
        return 0;
    }
    finally
    {
        Directory.Delete(root, recursive: true);
    }
}

static int Leakage(int count)
{
    string[] splits = ["train", "train", "train", "train", "train", "train", "train", "train", "val", "test"];
    var flat = WriteRecords(count, i => $"d/img{i:D6}.jpg");
    var split = WriteRecords(count, i => $"{splits[i % splits.Length]}/class{i % 7}/img{i:D6}.jpg");
    try
    {
        var (flatSeconds, splitSeconds) = (new List<double>(), new List<double>());
        for (var run = 0; run < 3; run++)
        {
            flatSeconds.Add(TimedMerge(flat));
            splitSeconds.Add(TimedMerge(split));
        }
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(split, "out", "summary.json")))!;
        var (f, s) = (flatSeconds.Order().ElementAt(1), splitSeconds.Order().ElementAt(1));
        var overhead = 100 * (s - f) / f;
        Console.WriteLine($"| leakage on {count:N0} images: merge of the same records flat vs in train/val/test " +
                          $"class folders (median of 3, alternated) | flat {f:F1} s, split {s:F1} s " +
                          $"({overhead:+0.0;-0.0}%), layout {summary["layout"]}, " +
                          $"{summary["leakage"]!["leaked_images"]:N0} leaked images | <= 10% |");
        return overhead <= 10 ? 0 : 1;
    }
    finally
    {
        Directory.Delete(flat, recursive: true);
        Directory.Delete(split, recursive: true);
    }
}

static double TimedMerge(string root)
{
    var output = Path.Combine(root, "out");
    if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
    GC.Collect();
    var clock = Stopwatch.StartNew();
    new MergeRunner(new DatasetContext(root, [], null, StepLog.ToStderr("merge", false)), 8).Run();
    return clock.Elapsed.TotalSeconds;
}

/// <summary>analyze + hash records of <paramref name="count"/> images at the paths <paramref name="pathOf"/> gives:
/// 1% exact copies (sha256) and 3% near copies (two pHash bits flipped) of a random earlier image.</summary>
static string WriteRecords(int count, Func<int, string> pathOf)
{
    var root = Directory.CreateTempSubdirectory("imgeda-bench-leakage-").FullName;
    var random = new Random(11);
    var phashes = new ulong[count];
    for (var i = 0; i < count; i++)
    {
        var path = pathOf(i);
        var earlier = i > 0 ? random.Next(i) : 0;
        var kind = random.Next(100);
        var sha = kind == 0 && i > 0 ? $"{earlier:x64}" : $"{i:x64}";
        phashes[i] = kind == 0 && i > 0 ? phashes[earlier]
            : kind < 4 && i > 0 ? phashes[earlier] ^ (1UL << random.Next(64)) ^ (1UL << random.Next(64))
            : (ulong)random.NextInt64();
        var analyze = new JsonObject
        {
            ["path"] = path, ["input"] = "images", ["format"] = "jpeg", ["width"] = 640 + i % 7, ["height"] = 480,
            ["aspect_ratio"] = 1.3333, ["sha256"] = sha, ["is_dark"] = i % 10 == 0,
            ["exif"] = new JsonObject { ["camera_make"] = "Cam", ["iso"] = 100 },
        };
        var hash = new JsonObject
        {
            ["path"] = path, ["input"] = "images", ["sha256"] = sha, ["phash"] = phashes[i].ToString("x16"),
            ["is_low_texture"] = false,
        };
        foreach (var (step, record) in new[] { ("analyze", analyze), ("hash", hash) })
        {
            var file = Path.Combine(root, step, "images", path + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, record.ToJsonString());
        }
    }
    return root;
}

static int ManifestFiles(int count)
{
    var root = Directory.CreateTempSubdirectory("imgeda-bench-manifest-").FullName;
    try
    {
        ImgEda.Testing.SyntheticRecords.Write(root, count);
        new MergeRunner(new DatasetContext(root, [], null, StepLog.ToStderr("merge", false)), 8).Run();
        var lines = ManifestWriter.Images(ManifestWriter.ReadLines(Path.Combine(root, "out", "manifest.jsonl")));
        var (csv, parquet) = (new List<double>(), new List<double>());
        long csvBytes = 0, parquetBytes = 0;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            csvBytes = ManifestWriter.Csv(lines).Length;
            csv.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            parquetBytes = ManifestParquet.Write(lines).Length;
            parquet.Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"| manifest files of {count:N0} images (median of 3) | " +
                          $"manifest.csv {csv.Order().ElementAt(1):F2} s " +
                          $"({csvBytes / 1e6:F1} MB), manifest.parquet {parquet.Order().ElementAt(1):F2} s " +
                          $"({parquetBytes / 1e6:F1} MB) | |");
        return 0;
    }
    finally
    {
        Directory.Delete(root, recursive: true);
    }
}
