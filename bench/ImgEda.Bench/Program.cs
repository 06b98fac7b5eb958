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
//   plot-input N DIR       N made-up analyze + hash records (ImgEda.Testing's SyntheticRecords) merged into DIR/merge:
//                          the input of a plot benchmark (bench/plot.sh)
return args switch
{
    ["near-duplicates", var n] => NearDuplicates(int.Parse(n)),
    ["near-variants", var n] => NearVariants(int.Parse(n)),
    ["merge-records", var n] => MergeRecords(int.Parse(n)),
    ["plot-input", var n, var dir] => PlotInput(int.Parse(n), dir),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine(
        "usage: ImgEda.Bench near-duplicates N | near-variants N | merge-records N | plot-input N DIR");
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

    Console.WriteLine($"| near-duplicate grouping, {count:N0} hashes, threshold {threshold} | {indexSeconds:F1} s, peak {peakMb} MB, {pairs:N0} pairs, recall {recall:F2}% | <= 60 s, <= 2 GB |");
    var extrapolated = exhaustiveSample * Math.Pow((double)count / sample.Length, 2);
    Console.WriteLine($"| {sample.Length:N0} hashes: index vs exhaustive pairwise | {indexSample:F2} s vs {exhaustiveSample:F2} s, pairs {indexed.Count:N0} vs {exhaustive.Count:N0}, {(agree ? "identical" : "DIFFERENT")}; exhaustive at {count:N0} would take ~{extrapolated:F0} s (quadratic), {extrapolated / indexSeconds:F0}x the index | identical |");
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
            foreach (var bit in Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(random.Next(threshold / 2 + 1))) h ^= 1UL << bit;
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
        foreach (var step in new[] { "analyze", "hash" }) Directory.CreateDirectory(Path.Combine(root, step, "images", "d"));
        for (var i = 0; i < count; i++)
        {
            var path = $"d/img{i:D6}.jpg";
            var analyze = new JsonObject
            {
                ["path"] = path, ["input"] = "images", ["format"] = "jpeg", ["width"] = 640 + i % 7, ["height"] = 480, ["aspect_ratio"] = 1.3333,
                ["sha256"] = $"{i:x64}", ["is_dark"] = i % 10 == 0, ["exif"] = new JsonObject { ["camera_make"] = "Cam", ["iso"] = 100 },
            };
            var hash = new JsonObject { ["path"] = path, ["input"] = "images", ["sha256"] = $"{i:x64}", ["phash"] = ((ulong)random.NextInt64()).ToString("x16"), ["is_low_texture"] = false };
            File.WriteAllText(Path.Combine(root, "analyze", "images", path + ".json"), analyze.ToJsonString());
            File.WriteAllText(Path.Combine(root, "hash", "images", path + ".json"), hash.ToJsonString());
        }
        var clock = Stopwatch.StartNew();
        new MergeRunner(new DatasetContext(root, [], null, StepLog.ToStderr("merge", false)), 8).Run();
        var seconds = clock.Elapsed.TotalSeconds;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024;
        Console.WriteLine($"| merge of {count:N0} images ({2 * count:N0} record files) | {seconds:F1} s, peak {peakMb} MB | <= 15 s |");
        return 0;
    }
    finally
    {
        Directory.Delete(root, recursive: true);
    }
}
