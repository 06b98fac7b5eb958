namespace ImgEda.Edges;

/// <summary>cv2.Canny's parameters; the defaults are Pachyderm's OpenCV example.</summary>
public sealed record EdgeOptions(
    double Threshold1 = 100,
    double Threshold2 = 200,
    int Aperture = 3,
    bool L2Gradient = false)
{
    public string Key =>
        FormattableString.Invariant($"t1={Threshold1};t2={Threshold2};aperture={Aperture};l2={L2Gradient}");
}
