namespace ImgEda.Annotations.Tests.Formats;

public class YoloReaderTests
{
    [Fact]
    public void Every_planted_problem_is_found_with_its_file_and_line_and_nothing_else()
    {
        using var data = new LabelledDataset();
        data.Write("ds/data.yaml",
            "path: .\ntrain: train/images\nval: val/images\nnames:\n  0: person\n  1: car\n  2: dog\n");
        var (width, height) = data.AddImage("ds/train/images/a.jpg");
        data.Write("ds/train/labels/a.txt", "0 0.5 0.5 0.25 0.5\n1 0.25 0.25 0.1 0.2\n");
        data.AddImage("ds/train/images/b.jpg");
        data.Write("ds/train/labels/b.txt", "");
        data.AddImage("ds/train/images/c.jpg");
        data.Write("ds/train/labels/c.txt",
            "2 0.9 0.5 0.4 0.2\n5 0.5 0.5 0.1 0.1\n1 0.5 0.5 0.1\n" +
            "0 0.3 0.3 0.2 0.2\n0 0.3 0.3 0.2 0.2\n1 0.5 0.5 0 0.2\n");
        data.AddImage("ds/val/images/d.jpg");
        data.Write("ds/val/labels/e.txt", "0 0.5 0.5 0.1 0.1\n");
        data.AddImage("ds/val/images/f.jpg");
        data.Write("ds/val/labels/f.txt", "2 0.1 0.1 0.3 0.1 0.2 0.4\n");

        var report = data.Analyze().Report;

        Assert.Equal("yolo", report.Format);
        Assert.Equal(
        [
            "duplicate_box ds/train/labels/c.txt:5", "empty_label_file ds/train/labels/b.txt",
            "image_without_label ds/val/images/d.jpg", "label_without_image ds/val/labels/e.txt",
            "malformed_line ds/train/labels/c.txt:3", "out_of_bounds_box ds/train/labels/c.txt:1",
            "unknown_class ds/train/labels/c.txt:2", "zero_area_box ds/train/labels/c.txt:6",
        ], ProblemList.Of(report));
        var classes = report.Classes.Select(c => $"{c.Id} {c.Name} {c.Declared} {c.Images} {c.Boxes}");
        Assert.Equal(["0 person True 2 3", "1 car True 2 2", "2 dog True 2 2", "5 5 False 1 1"], classes);
        Assert.Equal((5, 4, 2, 40.0),
            (report.Images, report.LabelledImages, report.UnlabelledImages, report.UnlabelledPct));
        Assert.Equal((8, 3, 37.5), (report.Boxes, report.InvalidBoxes, report.InvalidBoxPct));
        Assert.Equal(6, report.AnnotationFiles); // five label files and data.yaml
        var perImage = report.BoxesPerImage!;
        Assert.Equal((0.0, 5.0, 1.6), (perImage.Min!.Value, perImage.Max!.Value, perImage.Mean!.Value));
        // Box sizes: every box with an area (the zero-width one is left out); the polygon is 0.2 x 0.3.
        Assert.Equal(7, report.BoxWidth!.Count);
        Assert.Equal([0, 2, 4, 0, 1, 0, 0, 0, 0, 0], report.BoxWidth.Histogram.Select(b => b.Count));
        Assert.Equal(0.5, report.BoxHeight!.Max);
        var personOnA = Math.Round(0.25 * width / (0.5 * height), 6);
        Assert.Contains(personOnA, new[] { report.BoxAspect!.Min, report.BoxAspect.Median, report.BoxAspect.Max });
    }

    [Fact]
    public void A_darknet_layout_with_labels_beside_the_images_and_no_data_yaml_names_classes_by_id()
    {
        using var data = new LabelledDataset();
        data.AddImage("labels/x.jpg"); // a folder named labels holding images is still read by stem
        data.Write("labels/x.txt", "3 0.5 0.5 0.2 0.2\n");
        data.AddImage("photos/y.jpg");
        data.Write("photos/y.txt", "3 0.5 0.5 0.2 0.2\n0 0.1 0.1 0.1 0.1\n");
        data.Write("README.txt", "not a label file: no image of this name\n");

        var (report, records) = data.Analyze();

        Assert.Equal("yolo", report.Format);
        Assert.Empty(report.Problems);
        Assert.Equal(["0 0 False 1 1", "3 3 False 2 2"],
            report.Classes.Select(c => $"{c.Id} {c.Name} {c.Declared} {c.Images} {c.Boxes}"));
        var y = records.Single(r => r.Path == "photos/y.jpg").Annotations;
        Assert.Equal((true, 2, 0), (y.Labelled, y.Boxes, y.InvalidBoxes));
        Assert.Equal(["0", "3"], y.Classes);
    }

    [Fact]
    public void A_broken_data_yaml_and_a_binary_label_file_are_findings_not_crashes()
    {
        using var data = new LabelledDataset();
        data.Write("data.yaml", "names: [a, b\n  - c: {\n");
        data.AddImage("images/a.jpg");
        data.Write("labels/a.txt", [0xFF, 0xFE, 0x00, 0x80]);

        var report = data.Analyze().Report;

        Assert.Equal(["malformed_file data.yaml:2", "malformed_file labels/a.txt"], ProblemList.Of(report));
    }

    [Fact]
    public void A_label_file_linked_to_a_file_outside_the_dataset_is_never_read()
    {
        using var data = new LabelledDataset();
        using var outside = new TempDir();
        File.WriteAllText(outside["secret.txt"], "root:secret-hash:19000:0:99999:7:::\n");
        data.AddImage("images/a.jpg");
        Directory.CreateDirectory(Path.Combine(data.Root, "labels"));
        File.CreateSymbolicLink(Path.Combine(data.Root, "labels/a.txt"), outside["secret.txt"]);
        data.AddImage("images/b.jpg");
        data.Write("labels/b.txt", "0 0.5 0.5 0.1 0.1\n");
        File.CreateSymbolicLink(Path.Combine(data.Root, "labels/c.txt"), Path.Combine(data.Root, "labels/b.txt"));
        data.AddImage("images/c.jpg");

        var report = data.Analyze().Report;

        // a.txt is left out (a link out of the dataset); c.txt, a link inside it, is read as the label of c.jpg.
        Assert.Equal(["image_without_label images/a.jpg"], ProblemList.Of(report));
        Assert.Equal(2, report.Boxes);
        Assert.DoesNotContain(report.Problems, p => p.Detail.Contains("secret"));
    }
}
