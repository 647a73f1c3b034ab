using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// Reads what the engine received back into the plan's JSON form (PlanJson), so it can be compared with
/// <c>plan --format json</c> text for text: providers, components, resources with inputs and options, stack outputs.
/// Values: a secret on the wire becomes <c>$secret</c>, a mock's <c>@ref</c> a <c>$ref</c>, a decrypted
/// <c>@config</c> a <c>$config</c>, the credentials invoke's result an <c>$invoke</c> with the token, provider and
/// args of the invoke request that produced it. Explicit dependsOn is what the request's dependencies hold beyond
/// its property dependencies (the SDK adds every referenced resource to both).
/// </summary>
internal static partial class WirePlan
{
    /// <summary>Pulumi's marker for a secret value in a protobuf Struct (sdk/Pulumi/Serialization/Constants.cs).</summary>
    private const string SpecialSigKey = "4dabf18193072939515e22adb298388d";
    private const string SecretSig = "1b47061264138c4ac30d75fd1eb44270";

    /// <summary>Request fields the plan has no option for; any of them set means the program sent more than the plan.
    /// (deleteBeforeReplaceDefined is checked against deleteBeforeReplace: the plan only ever says true.)</summary>
    public static readonly string[] FieldsThePlanNeverSets =
    [
        "importId", "aliasURNs", "deletedWith", "remote", "providers", "pluginDownloadURL", "pluginChecksums", "transforms",
        "hooks", "hideDiffs", "replaceWith", "ignoreChangesDefined",
    ];

    public static JsonObject Read(WireRecorder wire)
    {
        var registrations = wire.Of("RegisterResourceAsync").ToList();
        var invokes = wire.Of("InvokeAsync").ToList();
        var providers = new List<JsonNode>();
        var components = new List<JsonNode>();
        var resources = new List<JsonNode>();
        foreach (var r in registrations)
        {
            var type = Text(r["type"]);
            var name = Text(r["name"]);
            if (type == "pulumi:pulumi:Stack")
            {
                continue;
            }
            if (r["custom"]?.GetValue<bool>() != true)
            {
                components.Add(new JsonObject { ["name"] = name, ["parent"] = ParentName(r), ["type"] = type });
            }
            else if (type.StartsWith("pulumi:providers:", StringComparison.Ordinal))
            {
                providers.Add(new JsonObject
                {
                    ["inputs"] = ProviderInputs(Decode(r["object"], invokes)),
                    ["name"] = name,
                    ["package"] = type["pulumi:providers:".Length..],
                    ["version"] = (string?)r["version"],
                });
            }
            else
            {
                resources.Add(new JsonObject
                {
                    ["inputs"] = Decode(r["object"] ?? new JsonObject(), invokes),
                    ["name"] = name,
                    ["options"] = Options(r),
                    ["type"] = type,
                });
            }
        }
        var stackOutputs = wire.Of("RegisterResourceOutputsAsync").Where(o => Text(o["urn"]).Contains("::pulumi:pulumi:Stack::", StringComparison.Ordinal)).ToList();
        // A stack reference is read, not registered: its id is <organization>/<project>/<stack>.
        var references = wire.Of("ReadResourceAsync").Where(r => Text(r["type"]) == "pulumi:pulumi:StackReference")
            .Select(r => (JsonNode)new JsonObject { ["name"] = Text(r["name"]), ["stack"] = Text(r["id"])[(Text(r["id"]).IndexOf('/', StringComparison.Ordinal) + 1)..] })
            .ToList();
        var plan = new JsonObject
        {
            ["components"] = new JsonArray([.. components.OrderBy(c => Text(c["name"]), StringComparer.Ordinal)]),
            ["outputs"] = stackOutputs.Count == 1 ? Decode(stackOutputs[0]["outputs"] ?? new JsonObject(), invokes) : null,
            ["providers"] = new JsonArray([.. providers.OrderBy(c => Text(c["name"]), StringComparer.Ordinal)]),
            ["resources"] = new JsonArray([.. resources.OrderBy(c => Text(c["name"]), StringComparer.Ordinal)]),
        };
        if (references.Count > 0)
        {
            plan["stackReferences"] = new JsonArray([.. references]);
        }
        return plan;
    }

    /// <summary>
    /// The stack outputs the engine records, as a stack reference hands them to the next run (text, numbers as
    /// doubles, booleans, lists, maps; a secret's value); null when the program registered none (a failed run).
    /// </summary>
    public static System.Collections.Immutable.ImmutableDictionary<string, object>? RecordedOutputs(WireRecorder wire)
    {
        var registered = wire.Of("RegisterResourceOutputsAsync").SingleOrDefault(o => Text(o["urn"]).Contains("::pulumi:pulumi:Stack::", StringComparison.Ordinal));
        return registered is null ? null : (System.Collections.Immutable.ImmutableDictionary<string, object>)Engine(registered["outputs"] ?? new JsonObject())!;
    }

    private static object? Engine(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o[SpecialSigKey] == SecretSig => Engine(o["value"]),
        JsonObject o => o.ToImmutableDictionary(e => e.Key, e => Engine(e.Value)!),
        JsonArray a => a.Select(i => Engine(i)!).ToImmutableArray(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => null,
    };

    /// <summary>The resource name at the end of a URN (<c>urn:pulumi:stack::project::type::name</c>).</summary>
    public static string NameOf(string urn) => urn[(urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..];

    /// <summary>A provider reference is <c>&lt;urn&gt;::&lt;id&gt;</c>.</summary>
    public static string ProviderName(string reference) => NameOf(reference[..reference.LastIndexOf("::", StringComparison.Ordinal)]);

    private static string? ParentName(JsonObject r) =>
        (string?)r["parent"] is { } urn && !urn.Contains("::pulumi:pulumi:Stack::", StringComparison.Ordinal) ? NameOf(urn) : null;

    private static JsonObject Options(JsonObject r)
    {
        var options = new JsonObject
        {
            ["parent"] = ParentName(r),
            ["provider"] = (string?)r["provider"] is { } p ? ProviderName(p) : null,
        };
        if (r["protect"]?.GetValue<bool>() == true)
        {
            options["protect"] = true;
        }
        if (r["retainOnDelete"]?.GetValue<bool>() == true)
        {
            options["retainOnDelete"] = true;
        }
        var implied = (r["propertyDependencies"] as JsonObject ?? [])
            .SelectMany(p => p.Value!["urns"]?.AsArray().Select(u => Text(u)) ?? [])
            .ToHashSet(StringComparer.Ordinal);
        AddList(options, "dependsOn", (r["dependencies"]?.AsArray() ?? []).Select(u => Text(u)).Where(u => !implied.Contains(u))
            .Select(NameOf).Distinct().Order(StringComparer.Ordinal));
        AddList(options, "ignoreChanges", (r["ignoreChanges"]?.AsArray() ?? []).Select(Text));
        AddList(options, "additionalSecretOutputs", (r["additionalSecretOutputs"]?.AsArray() ?? []).Select(Text));
        AddList(options, "aliases", (r["aliases"]?.AsArray() ?? []).Select(a => (string?)a?["urn"]
            ?? throw new InvalidOperationException($"{r["name"]}: an alias without a full urn on the wire: {a?.ToJsonString()}")));
        if (r["customTimeouts"] is JsonObject t)
        {
            options["customTimeouts"] = new JsonObject(new[] { "create", "update", "delete" }
                .Where(k => t[k] is not null)
                .Select(k => KeyValuePair.Create(k, (JsonNode?)Minutes(Text(t[k])))));
        }
        if (r["deleteBeforeReplace"]?.GetValue<bool>() == true)
        {
            options["deleteBeforeReplace"] = true;
        }
        AddList(options, "replaceOnChanges", (r["replaceOnChanges"]?.AsArray() ?? []).Select(Text));
        return options;
    }

    /// <summary>A timeout as the SDK sends it (ticks followed by "00ns": CustomTimeouts.TimeoutString) in the plan's form, <c>90m</c>.</summary>
    private static string Minutes(string wire)
    {
        var match = NanosecondsPattern().Match(wire);
        var ticks = match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 100 : -1;
        return ticks > 0 && ticks % TimeSpan.TicksPerMinute == 0
            ? $"{ticks / TimeSpan.TicksPerMinute}m".ToString(CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"timeout '{wire}' on the wire is not a whole number of minutes in nanoseconds");
    }

    private static void AddList(JsonObject json, string key, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count > 0)
        {
            json[key] = new JsonArray([.. list.Select(i => (JsonNode?)JsonValue.Create(i))]);
        }
    }

    /// <summary>Typed SDKs send a provider's non-text inputs as JSON text (provider facts); read them back.</summary>
    private static JsonNode? ProviderInputs(JsonNode? inputs) => inputs is JsonObject o
        ? new JsonObject(o.Select(e => KeyValuePair.Create(e.Key, e.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && JsonText(v.GetValue<string>()) is { } parsed ? parsed : e.Value?.DeepClone())))
        : inputs;

    private static JsonNode? JsonText(string text)
    {
        try
        {
            var node = JsonNode.Parse(text);
            return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? null : node;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Decode(JsonNode? value, IReadOnlyList<JsonObject> invokes)
    {
        switch (value)
        {
            case JsonObject o when (string?)o[SpecialSigKey] == SecretSig:
                return new JsonObject { ["$secret"] = Decode(o["value"], invokes) };
            case JsonObject o when o.ContainsKey(SpecialSigKey):
                throw new InvalidOperationException($"unexpected special value on the wire: {o.ToJsonString()}");
            case JsonObject o:
                return new JsonObject(o.Select(e => KeyValuePair.Create(e.Key, Decode(e.Value, invokes))));
            case JsonArray a:
                return new JsonArray([.. a.Select(i => Decode(i, invokes))]);
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return DecodeText(v.GetValue<string>(), invokes);
            default:
                return value?.DeepClone();
        }
    }

    private static JsonNode DecodeText(string text, IReadOnlyList<JsonObject> invokes)
    {
        if (RefPattern().Match(text) is { Success: true } r)
        {
            return new JsonObject { ["$ref"] = new JsonObject { ["output"] = r.Groups[2].Value, ["resource"] = r.Groups[1].Value } };
        }
        if (ConfigPattern().Match(text) is { Success: true } c)
        {
            return new JsonObject { ["$config"] = c.Groups[1].Value };
        }
        // Plain on the wire: the program decoded what the mock encoded (#b64), or passed a plain result on as it was.
        if (InvokePattern().Match(text) is { Success: true } i)
        {
            return Invoke(i.Groups[1].Value, i.Groups[2].Value, decoded: i.Groups[3].Success, invokes);
        }
        if (Base64Text(text) is { } inner && InvokePattern().Match(inner) is { Success: true, Groups: var raw } && raw[3].Success)
        {
            return Invoke(raw[1].Value, raw[2].Value, decoded: false, invokes);
        }
        return JsonValue.Create(text);
    }

    /// <summary>An invoke result, read back from the request that produced it. The same token may be invoked more than
    /// once (one call per use); the calls must then be identical, or the wire could not tell which result is which.</summary>
    private static JsonObject Invoke(string token, string path, bool decoded, IReadOnlyList<JsonObject> invokes)
    {
        var requests = invokes.Where(i => Text(i["tok"]) == token).ToList();
        if (requests.Count == 0 || requests.Select(r => r.ToJsonString()).Distinct().Count() != 1)
        {
            throw new InvalidOperationException($"{requests.Count} distinct invoke requests for {token}; the wire cannot tell which result is which");
        }
        var request = requests[0];
        return new JsonObject
        {
            ["$invoke"] = new JsonObject
            {
                ["args"] = Decode(request["args"] ?? new JsonObject(), invokes),
                ["base64Decode"] = decoded,
                ["provider"] = (string?)request["provider"] is { } p ? ProviderName(p) : null,
                ["result"] = path,
                ["token"] = token,
            },
        };
    }

    private static string? Base64Text(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The text both sides are compared as: keys sorted, two-space indents, and every number as the wire carries it
    /// (a protobuf Struct holds IEEE doubles only, so the plan's 1.0 and 1 are the same value to Pulumi).
    /// </summary>
    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, Sorted(e.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
            JsonNode.Parse(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        null => null,
        _ => node.DeepClone(),
    };

    private static string Text(JsonNode? node) => (string?)node ?? throw new InvalidOperationException("missing text in a wire request");

    [GeneratedRegex(@"\A(\d+)ns\z")]
    private static partial Regex NanosecondsPattern();

    [GeneratedRegex(@"\A@ref\(([^.()]+)\.([A-Za-z.]+)\)\z")]
    private static partial Regex RefPattern();

    [GeneratedRegex(@"\A@config\(([^()]+)\)\z")]
    private static partial Regex ConfigPattern();

    [GeneratedRegex(@"\A@invoke\(([^()#]+)#([^()#]+?)(#b64)?\)\z")]
    private static partial Regex InvokePattern();
}
