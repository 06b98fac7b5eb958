namespace ImgEda.Engine.Cli;

/// <summary>Another `imgeda run` or `watch` holds the home.</summary>
public sealed class HomeBusyException(string message) : Exception(message);
