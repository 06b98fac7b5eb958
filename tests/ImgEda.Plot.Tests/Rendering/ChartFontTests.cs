using ImgEda.Core;
using ImgEda.Plot.Rendering;

namespace ImgEda.Plot.Tests.Rendering;

public class ChartFontTests
{
    [Fact]
    public void A_folder_without_the_font_is_a_usage_error_that_says_what_to_install()
    {
        using var tmp = new TempDir();
        var error = Assert.Throws<UsageException>(() => ChartFont.Load(tmp["no-such-folder"]));
        Assert.Contains("DejaVuSans.ttf is missing", error.Message);
        Assert.Contains("fonts-dejavu-core", error.Message);
    }

    [Fact]
    public void A_file_that_is_no_font_is_refused()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp[ChartFont.RegularFile], "not a font");
        File.Copy(Path.Combine(ChartFont.DefaultDirectory, ChartFont.BoldFile), tmp[ChartFont.BoldFile]);
        var error = Assert.Throws<UsageException>(() => ChartFont.Load(tmp.Path));
        Assert.Contains("is not a usable TrueType font", error.Message);
    }

    [Fact]
    public void The_font_loads_from_any_folder_holding_its_two_files()
    {
        using var tmp = new TempDir();
        foreach (var file in new[] { ChartFont.RegularFile, ChartFont.BoldFile })
            File.Copy(Path.Combine(ChartFont.DefaultDirectory, file), tmp[file]);
        var font = ChartFont.Load(tmp.Path);
        Assert.Equal("DejaVu Sans", font.CreateTypeface("DejaVu Sans", bold: false, italic: false)!.FamilyName);
        Assert.True(font.CreateTypeface("DejaVu Sans", bold: true, italic: false)!.IsBold);
        Assert.Null(font.CreateTypeface("DejaVu Serif", bold: false, italic: false));
    }
}
