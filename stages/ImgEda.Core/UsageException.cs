namespace ImgEda.Core;

/// <summary>The user asked for something that cannot work; the message says what to do. Exit status 1, no stack
/// trace.</summary>
public sealed class UsageException(string message) : Exception(message);
