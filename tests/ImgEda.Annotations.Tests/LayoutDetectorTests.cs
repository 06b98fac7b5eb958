namespace ImgEda.Annotations.Tests;

public class LayoutDetectorTests
{
    [Theory]
    [InlineData(null, new[] { "a.jpg", "train/cat/b.png", "notes.txt", "meta.json" })]
    [InlineData("yolo", new[] { "images/a.jpg", "labels/a.txt" })]
    [InlineData("yolo", new[] { "data.yaml", "a.jpg" })]
    [InlineData("yolo", new[] { "photos/a.jpg", "photos/a.txt" })]
    [InlineData(null, new[] { "photos/a.jpg", "photos/README.txt" })]
    [InlineData("coco", new[] { "annotations/instances_val2017.json", "val2017/a.jpg" })]
    [InlineData("voc", new[] { "VOC2007/Annotations/a.xml", "VOC2007/JPEGImages/a.jpg" })]
    [InlineData("coco", new[] { "annotations/instances_val2017.json", "labels/a.txt", "Annotations/a.xml" })]
    public void The_layout_is_told_from_the_paths(string? format, string[] files)
    {
        var detected = LayoutDetector.Detect(new DatasetListing("/nowhere", files));
        Assert.Equal(format, detected.Format?.Name());
    }

    [Fact]
    public void A_dataset_of_two_layouts_is_read_as_the_first_and_names_the_other()
    {
        var detected = LayoutDetector.Detect(new DatasetListing("/nowhere", ["Annotations/a.xml", "labels/a.txt"]));
        Assert.Equal(AnnotationFormat.Voc, detected.Format);
        Assert.Equal([AnnotationFormat.Yolo], detected.Others);
    }
}
