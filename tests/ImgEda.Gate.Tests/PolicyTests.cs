using ImgEda.Core;

namespace ImgEda.Gate.Tests;

public class PolicyTests
{
    [Fact]
    public void Reads_every_key_and_keeps_defaults_for_the_rest()
    {
        var p = Policy.Parse("""
            min_images_total: 100
            max_corrupt_pct: 1.5
            max_duplicate_pct: 3
            min_width: 224
            min_height: 224
            allowed_formats: [jpeg, PNG]
            max_aspect_ratio: 2.5
            max_dark_pct: ~
            max_leakage_pct: 0.5
            """, "policy.yaml");
        Assert.Equal((100.0, 1.5, 3.0, 224.0, 224.0, 2.5),
            (p.MinImagesTotal, p.MaxCorruptPct, p.MaxDuplicatePct, p.MinWidth, p.MinHeight, p.MaxAspectRatio));
        Assert.Equal(["jpeg", "png"], p.AllowedFormats);
        Assert.Null(p.MaxDarkPct);
        Assert.Equal(0.5, p.MaxLeakagePct);
        Assert.Equal(0, new Policy().MaxLeakagePct);
        Assert.Equal(new Policy().MaxBlurryPct, p.MaxBlurryPct);
        Assert.Equal(new Policy(), Policy.Parse("", "empty.yaml"));
    }

    [Theory]
    [InlineData("max_corupt_pct: 5", "unknown key 'max_corupt_pct'")]
    [InlineData("max_corrupt_pct: five", "max_corrupt_pct must be a number")]
    [InlineData("max_corrupt_pct: 150", "max_corrupt_pct must be between 0 and 100")]
    [InlineData("max_blurry_pct: -1", "max_blurry_pct must be between 0 and 100")]
    [InlineData("min_width: 0", "min_width must be between 1")]
    [InlineData("max_aspect_ratio: 0.5", "max_aspect_ratio must be between 1")]
    [InlineData("max_leakage_pct: 101", "max_leakage_pct must be between 0 and 100")]
    [InlineData("allowed_formats: jpeg", "allowed_formats must be a list")]
    [InlineData("min_images_total: [1, 2]", "min_images_total must be a number")]
    [InlineData("- just\n- a list", "expected a mapping")]
    [InlineData("max_corrupt_pct: [unclosed", "not valid YAML")]
    public void Mistakes_are_usage_errors_that_name_the_key(string yaml, string message)
    {
        var e = Assert.Throws<UsageException>(() => Policy.Parse(yaml, "policy.yaml"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("policy.yaml: ", e.Message);
    }

    [Theory]
    [InlineData("? [a, b]\n: 1\n", "a key must be a plain name")]
    [InlineData("{max_corrupt_pct: 5}: 1\n", "a key must be a plain name")]
    public void A_key_that_is_not_a_plain_name_is_a_message(string yaml, string expected)
    {
        var e = Assert.Throws<UsageException>(() => Policy.Parse(yaml, "policy.yaml"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_deeply_nested_file_is_a_message_not_a_stack_overflow()
    {
        var yaml = "max_corrupt_pct: " + new string('[', 200_000) + new string(']', 200_000) + "\n";
        var e = Assert.Throws<UsageException>(() => Policy.Parse(yaml, "policy.yaml"));
        Assert.Contains("nested more than", e.Message);
    }
}
