using ImgEda.Engine.Specs;

namespace ImgEda.Engine.Tests.Specs;

public class GlobPatternTests
{
    [Theory]
    [InlineData("/*", "/a.jpg", true)]
    [InlineData("/*", "/dir", true)]
    [InlineData("/*", "/dir/a.jpg", false)]
    [InlineData("/**", "/dir/sub/a.jpg", true)]
    [InlineData("/**", "/dir", true)]
    [InlineData("/*/*", "/dir/a.jpg", true)]
    [InlineData("/*/*", "/a.jpg", false)]
    [InlineData("/**.png", "/x/y.png", true)]
    [InlineData("/**.png", "/x/y.jpg", false)]
    [InlineData("/*.{jpg,png}", "/a.png", true)]
    [InlineData("/*.{jpg,png}", "/a.gif", false)]
    [InlineData("/img?.jpg", "/img1.jpg", true)]
    [InlineData("/img?.jpg", "/img12.jpg", false)]
    [InlineData("/[ab]*", "/b.jpg", true)]
    [InlineData("/[!ab]*", "/b.jpg", false)]
    [InlineData("/a+b(1).jpg", "/a+b(1).jpg", true)]
    public void Matches_like_pachyderm(string glob, string path, bool expected) =>
        Assert.Equal(expected, new GlobPattern(glob).Matches(path));

    [Theory]
    [InlineData("/", true)]
    [InlineData("", true)]
    [InlineData("/*", false)]
    public void Slash_alone_is_the_whole_repo(string glob, bool whole) =>
        Assert.Equal(whole, new GlobPattern(glob).IsWholeRepo);

    [Fact]
    public void An_unclosed_bracket_is_an_error_that_says_so() =>
        Assert.Contains("without ']'", Assert.Throws<FormatException>(() => new GlobPattern("/[ab")).Message);
}
