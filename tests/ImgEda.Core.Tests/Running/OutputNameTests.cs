using System.Text;
using ImgEda.Core.Running;

namespace ImgEda.Core.Tests.Running;

public class OutputNameTests
{
    [Fact]
    public void Ordinary_names_get_the_suffix()
    {
        Assert.Equal("images/a/b.jpg.json", OutputName.For("images/a/b.jpg", ".json"));
        Assert.Equal("images/ünï 写真.png.png", OutputName.For("images/ünï 写真.png", ".png"));
    }

    [Fact]
    public void A_name_near_the_255_byte_limit_is_shortened_stably_and_uniquely()
    {
        var a = "images/" + new string('x', 250) + "a.png";
        var b = "images/" + new string('x', 250) + "b.png";
        var outA = OutputName.For(a, ".json");
        Assert.True(Encoding.UTF8.GetByteCount(outA["images/".Length..]) <= 255);
        Assert.EndsWith(".json", outA);
        Assert.StartsWith("images/xxxx", outA);
        Assert.Equal(outA, OutputName.For(a, ".json"));
        Assert.NotEqual(outA, OutputName.For(b, ".json"));
        var wide = "images/" + string.Concat(Enumerable.Repeat("写", 84)) + ".png"; // 252 + 4 bytes
        Assert.True(Encoding.UTF8.GetByteCount(OutputName.For(wide, ".json")["images/".Length..]) <= 255);
    }
}
