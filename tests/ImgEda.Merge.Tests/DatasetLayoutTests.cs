namespace ImgEda.Merge.Tests;

public class DatasetLayoutTests
{
    private static (string Layout, (string? Split, string? Label)[] Places) Of(params string[] paths)
    {
        var layout = DatasetLayout.Detect(paths);
        return (layout.Name, paths.Select(layout.Place).ToArray());
    }

    [Fact]
    public void Class_folders_under_split_folders_of_any_spelling_and_depth_give_split_and_label()
    {
        var (layout, places) = Of("data/Train/cat/a.jpg", "data/training/dog/b.jpg", "data/VALID/cat/c.jpg",
            "data/validation/dog/sub/d.jpg", "data/Testing/cat/e.jpg", "data/test/dog/f.jpg");
        Assert.Equal(DatasetLayout.ClassificationWithSplits, layout);
        Assert.Equal(
            [("train", "cat"), ("train", "dog"), ("val", "cat"), ("val", "dog"), ("test", "cat"), ("test", "dog")],
            places);
    }

    [Fact]
    public void Images_right_in_their_split_folders_have_a_split_and_no_label()
    {
        var (layout, places) = Of("train/a.jpg", "val/b.jpg", "test/c.jpg", "extra/d.jpg");
        Assert.Equal(DatasetLayout.Splits, layout);
        Assert.Equal([("train", null), ("val", null), ("test", null), (null, null)], places);
    }

    [Fact]
    public void Class_folders_without_splits_label_by_the_top_folder()
    {
        var (layout, places) = Of("cat/a.jpg", "dog/b.jpg", "dog/puppies/c.jpg");
        Assert.Equal(DatasetLayout.Classification, layout);
        Assert.Equal([(null, "cat"), (null, "dog"), (null, "dog")], places);
    }

    [Theory]
    [InlineData("a.jpg", "b.jpg")]
    [InlineData("photos/a.jpg", "photos/b.jpg")] // one folder is no classification
    [InlineData("cat/a.jpg", "dog/b.jpg", "c.jpg", "d.jpg", "e.jpg")] // most images outside any folder
    [InlineData("trainee/a.jpg", "tests/b.jpg", "val.jpg", "test.jpg", "train.png")] // names that only look like splits
    public void Paths_that_say_nothing_are_a_flat_layout_with_no_split_or_label(params string[] paths)
    {
        var (layout, places) = Of(paths);
        Assert.Equal(DatasetLayout.Flat, layout);
        Assert.All(places, p => Assert.Equal((null, null), p));
    }

    [Fact]
    public void Yolo_and_pascal_voc_image_folders_are_named_and_give_splits_but_no_labels()
    {
        var (yolo, places) = Of("images/train/a.jpg", "images/val/b.jpg", "valid/images/c.jpg");
        Assert.Equal(DatasetLayout.Yolo, yolo);
        Assert.Equal([("train", null), ("val", null), ("val", null)], places);
        Assert.Equal(DatasetLayout.PascalVoc, Of("VOC2012/JPEGImages/a.jpg", "VOC2012/JPEGImages/b.jpg").Layout);
    }

    [Fact]
    public void A_stray_image_beside_the_class_folders_has_no_label_and_leaves_the_others_theirs()
    {
        var (layout, places) = Of("cat/a.jpg", "dog/b.jpg", "readme-figure.png");
        Assert.Equal(DatasetLayout.Classification, layout);
        Assert.Equal([(null, "cat"), (null, "dog"), (null, null)], places);
        var (withSplits, placed) = Of("train/cat/a.jpg", "train/dog/b.jpg", "test/cat/c.jpg", "test/d.jpg");
        Assert.Equal(DatasetLayout.ClassificationWithSplits, withSplits);
        Assert.Equal(("test", null), placed[3]);
    }

    [Fact]
    public void An_empty_dataset_is_flat() => Assert.Equal(DatasetLayout.Flat, Of().Layout);
}
