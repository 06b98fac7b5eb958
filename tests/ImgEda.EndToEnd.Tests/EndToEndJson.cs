using System.Text.Json.Serialization;

namespace ImgEda.EndToEnd.Tests;

/// <summary>The JSON the end-to-end tests write themselves (strings quoted into specs).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class EndToEndJson : JsonSerializerContext;
