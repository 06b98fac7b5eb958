namespace ImgEda.Annotations.Tests.Formats;

public class VocReaderTests
{
    private static string Object((string Name, int X0, int Y0, int X1, int Y1) o) =>
        $"  <object><name>{o.Name}</name><difficult>0</difficult><bndbox><xmin>{o.X0}</xmin><ymin>{o.Y0}</ymin>" +
        $"<xmax>{o.X1}</xmax><ymax>{o.Y1}</ymax></bndbox></object>\n";

    private static string Xml(string file, int w, int h,
        params (string Name, int X0, int Y0, int X1, int Y1)[] objects) =>
        $"""
        <annotation>
          <folder>VOC2012</folder>
          <filename>{file}</filename>
          <size><width>{w}</width><height>{h}</height><depth>3</depth></size>
        {string.Concat(objects.Select(Object))}</annotation>
        """;

    [Fact]
    public void Every_planted_problem_is_found_with_its_line_and_nothing_else()
    {
        using var data = new LabelledDataset();
        var (w, h) = data.AddImage("VOC2012/JPEGImages/a.jpg");
        data.AddImage("VOC2012/JPEGImages/b.jpg");
        data.AddImage("VOC2012/JPEGImages/c.jpg");
        // Objects on lines 5, 6, 7 and 8.
        data.Write("VOC2012/Annotations/a.xml", Xml("a.jpg", w, h,
            ("cat", 10, 10, w / 2, h / 2), ("dog", 50, 10, 50, 60), ("bird", 1, 1, 20, 20),
            ("dog", w / 2, 1, w + 10, 20)));
        data.Write("VOC2012/Annotations/b.xml",
            "<annotation>\n  <filename>b.jpg</filename>\n  <object>\n</annotation>\n");
        data.Write("VOC2012/Annotations/gone.xml", Xml("gone.jpg", 100, 100, ("cat", 1, 1, 5, 5)));
        data.Write("VOC2012/ImageSets/Main/cat_train.txt", "a 1\n");
        data.Write("VOC2012/ImageSets/Main/dog_train.txt", "a 1\n");
        data.Write("VOC2012/ImageSets/Main/train.txt", "a\nb\n");

        var (report, records) = data.Analyze();

        Assert.Equal("voc", report.Format);
        Assert.Equal(
        [
            "image_without_label VOC2012/JPEGImages/c.jpg", "label_without_image VOC2012/Annotations/gone.xml:3",
            "malformed_file VOC2012/Annotations/b.xml:4", "out_of_bounds_box VOC2012/Annotations/a.xml:8",
            "unknown_class VOC2012/Annotations/a.xml:7", "zero_area_box VOC2012/Annotations/a.xml:6",
        ], ProblemList.Of(report));
        Assert.Equal(["cat True 1 1", "dog True 1 2", "bird False 1 1"],
            report.Classes.Select(c => $"{c.Name} {c.Declared} {c.Images} {c.Boxes}"));
        Assert.All(report.Classes, c => Assert.Null(c.Id));
        Assert.Equal((4, 3), (report.Boxes, report.InvalidBoxes));
        var a = records.Single(r => r.Path == "VOC2012/JPEGImages/a.jpg").Annotations;
        Assert.Equal((true, 4, 3), (a.Labelled, a.Boxes, a.InvalidBoxes));
        Assert.True(records.Single(r => r.Path == "VOC2012/JPEGImages/b.jpg").Annotations.Labelled);
    }

    [Fact]
    public void An_xml_bomb_is_refused_as_a_malformed_file()
    {
        using var data = new LabelledDataset();
        data.AddImage("JPEGImages/a.jpg");
        data.Write("Annotations/a.xml", "<?xml version=\"1.0\"?>\n" +
            "<!DOCTYPE a [<!ENTITY x \"xxxxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;\">]>\n<annotation>&y;</annotation>\n");

        var report = data.Analyze().Report;

        Assert.Equal(["malformed_file Annotations/a.xml"], ProblemList.Of(report));
        Assert.Contains("DTD", report.Problems[0].Detail);
    }
}
