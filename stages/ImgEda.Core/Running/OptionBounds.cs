using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace ImgEda.Core.Running;

/// <summary>Bounds on a numeric option: a value out of them (NaN included) is a usage error, exit 1, whose message
/// gives the bounds. A value that does not parse at all is left to the parser's own message: asking the parser for
/// it here threw, and the step died with a stack trace.</summary>
public static class OptionBounds
{
    public static Option<T> Between<T>(this Option<T> option, T min, T max) where T : INumber<T> =>
        Bounded(option, value => value >= min && value <= max, $"between {min} and {max}");

    public static Option<T> AtLeast<T>(this Option<T> option, T min) where T : INumber<T> =>
        Bounded(option, value => value >= min, $"at least {min}");

    private static Option<T> Bounded<T>(Option<T> option, Func<T, bool> allowed, string bounds) where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            // No token: the default, which is within bounds.
            if (result.Tokens.Count == 0) return;
            var text = result.Tokens[^1].Value;
            if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return;
            if (!allowed(value)) result.AddError($"{option.Name} must be {bounds}; got {text}");
        });
        return option;
    }
}
