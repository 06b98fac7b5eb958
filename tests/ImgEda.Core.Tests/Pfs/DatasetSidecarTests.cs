using ImgEda.Core.Pfs;

namespace ImgEda.Core.Tests.Pfs;

public class DatasetSidecarTests
{
    [Fact]
    public void Labels_and_dataset_files_are_sidecars_images_are_not_whatever_their_name()
    {
        var png = File.ReadAllBytes(RepoPaths.SampleFiles.First(f => f.EndsWith(".png", StringComparison.Ordinal)));
        Assert.True(DatasetSidecar.Is("train/labels/a.txt", "0 0.5 0.5 0.2 0.2\n"u8));
        Assert.True(DatasetSidecar.Is("Annotations/a.XML", "<annotation/>"u8));
        Assert.True(DatasetSidecar.Is("annotations/instances_val.json", "{}"u8));
        Assert.True(DatasetSidecar.Is("data.yaml", ""u8));
        Assert.False(DatasetSidecar.Is("misnamed.txt", png)); // an image under a wrong name is still an image
        Assert.False(DatasetSidecar.Is("random.jpg", "not an image"u8)); // a bad image, recorded as such
        Assert.False(DatasetSidecar.Is("notes", "plain text"u8));
    }
}
