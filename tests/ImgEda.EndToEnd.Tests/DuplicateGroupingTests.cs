using System.Text.Json.Nodes;
using ImgEda.Core.Imaging;
using OpenCvSharp;

namespace ImgEda.EndToEnd.Tests;

/// <summary>hash then merge on real images: edited copies of a photo group with it; unrelated smooth wallpapers,
/// whose pHashes are nearly all alike, do not glue into one group.</summary>
public class DuplicateGroupingTests
{
    private static readonly string[] Originals =
    [
        "astronaut.png", "coffee.png", "chelsea.png", "camera.png", "rocket.jpg", "motorcycle_left.png", "horse.png",
        "page.png",
    ];

    private static IEnumerable<(string Name, byte[] Bytes)> Copies(string name)
    {
        using var image = Cv2.ImRead(Path.Combine(RepoPaths.Samples, name), ImreadModes.Color);
        int w = image.Cols, h = image.Rows;
        using var half = image.Resize(new Size(w / 2, h / 2), interpolation: InterpolationFlags.Area);
        yield return ($"{name}.half.png", ImageEncoder.Png(half));
        yield return ($"{name}.q70.jpg", ImageEncoder.Jpeg(image, 70));
        using var brighter = new Mat();
        image.ConvertTo(brighter, MatType.CV_8UC3, 1.0, 25);
        yield return ($"{name}.bright.png", ImageEncoder.Png(brighter));
        int dx = w / 60, dy = h / 60;
        using var crop = image.SubMat(new Rect(dx, dy, w - 2 * dx, h - 2 * dy));
        yield return ($"{name}.crop.png", ImageEncoder.Png(crop));
    }

    [Fact]
    public void Edited_copies_group_with_their_photo_and_smooth_wallpapers_stay_apart()
    {
        using var tmp = new TempDir();
        var images = Directory.CreateDirectory(tmp["pfs/images"]).FullName;
        foreach (var name in Originals)
        {
            File.Copy(Path.Combine(RepoPaths.Samples, name), Path.Combine(images, name));
            foreach (var (copy, bytes) in Copies(name)) File.WriteAllBytes(Path.Combine(images, copy), bytes);
        }
        var smooth = RepoPaths.PhotoFiles
            .Where(f => f.Contains("plymouth_themes_") && f.Contains("background") || f.Contains("grub_grub-16x9"))
            .ToList();
        Assert.True(smooth.Count >= 8, $"{smooth.Count} smooth wallpapers");
        foreach (var f in smooth) File.Copy(f, Path.Combine(images, Path.GetFileName(f)));

        Assert.Equal(0, Processes.Run(RepoPaths.Step("hash"), ["--pfs", tmp["pfs"]]).ExitCode);
        Directory.CreateDirectory(tmp["merge-in"]);
        Directory.Move(tmp["pfs/out"], tmp["merge-in/hash"]);
        var merge = Processes.Run(RepoPaths.Step("merge"), ["--pfs", tmp["merge-in"]]);
        Assert.True(merge.ExitCode == 0, merge.Stderr);

        var groups = JsonNode.Parse(File.ReadAllText(tmp["merge-in/out/duplicates.json"]))!["near"]!.AsArray()
            .Select(g => g!["paths"]!.AsArray().Select(p => ((string)p!)["images/".Length..]).ToHashSet()).ToList();
        foreach (var name in Originals)
        {
            var group = groups.SingleOrDefault(g => g.Contains(name));
            Assert.True(group is not null, $"{name} is in no group");
            Assert.All(Copies(name).Select(c => c.Name), copy => Assert.Contains(copy, group));
            Assert.Equal(5, group.Count); // the photo and its four copies, nothing unrelated
        }
        var groupedSmooth = smooth.Select(Path.GetFileName).Where(n => groups.Any(g => g.Contains(n!))).ToList();
        Assert.Empty(groupedSmooth);
    }
}
