using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FreshFoodz.SchemaConformance;

/// <summary>What is wrong with an input.</summary>
public enum ViolationKind
{
    /// <summary>The type token is in no extract (and is no allow-listed Kubernetes custom resource).</summary>
    UnknownToken,

    /// <summary>A Kubernetes custom resource token that the caller did not allow-list.</summary>
    CustomResourceNotAllowed,

    /// <summary>A property the schema does not declare.</summary>
    UnknownProperty,

    /// <summary>A required input is absent or null.</summary>
    MissingRequired,

    /// <summary>A value outside an enum's (or literal's) allowed values.</summary>
    EnumValueNotAllowed,

    /// <summary>A JSON value of the wrong kind (string, number, boolean, array, object).</summary>
    WrongKind,

    /// <summary>A Kubernetes object whose <c>apiVersion</c> or <c>kind</c> is missing or does not match its token.</summary>
    KubernetesIdentity,
}

/// <summary>One schema violation: the token, the property path (e.g. <c>storage.storageSizeGB</c>) and what is allowed.</summary>
public sealed record SchemaViolation(string Token, string Path, ViolationKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Path.Length == 0 ? $"{Token}: {Message}" : $"{Token}: {Path}: {Message}";
}

/// <summary>Settings of a <see cref="SchemaChecker"/>.</summary>
public sealed record SchemaCheckOptions
{
    /// <summary>
    /// Kubernetes custom resource tokens (<c>kubernetes:&lt;group&gt;/&lt;version&gt;:&lt;Kind&gt;</c>) the plan may use.
    /// They have no schema: only their <c>apiVersion</c> and <c>kind</c> are checked.
    /// </summary>
    public IReadOnlySet<string> CustomResourceAllowList { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Azure enums are mostly typed <c>string | enums.X</c>: the SDK would accept any string. When true (default) a
    /// string outside the listed values is still a violation, since it is far more often a typo than a new value.
    /// </summary>
    public bool StrictOpenEnums { get; init; } = true;
}

/// <summary>
/// Checks a resource's (or invoke's) inputs, as JSON, against the provider schema extracts.
/// <para>
/// Unknown values: an object with exactly one key, and that key starting with <c>$</c> (e.g.
/// <c>{"$ref": {"resource": "rg", "output": "name"}}</c> or <c>{"$secret": ...}</c>), stands for a value not known
/// until deployment (another resource's output, a secret). It satisfies every descriptor, but not a Kubernetes
/// <c>apiVersion</c>/<c>kind</c>, which must be literal strings. A JSON <c>null</c> means "not set".
/// </para>
/// <para>
/// Kubernetes: every token whose schema declares <c>apiVersion</c> and <c>kind</c> (all API objects; not
/// <c>helm.sh/v3:Release</c>) must set both, equal to the token's (<c>core</c> group: <c>v1</c>). Tokens in no
/// extract are custom resources, accepted only when allow-listed and then checked for <c>apiVersion</c>/<c>kind</c>.
/// </para>
/// <para>
/// Provider resources: inputs the typed SDK JSON-stringifies (e.g. booleans) must be strings holding JSON of the
/// declared type.
/// </para>
/// </summary>
public sealed partial class SchemaChecker
{
    private readonly Dictionary<string, ProviderSchema> _byProvider;
    private readonly SchemaCheckOptions _options;

    /// <summary>Creates a checker over the given extracts (at most one per provider).</summary>
    public SchemaChecker(IEnumerable<ProviderSchema> schemas, SchemaCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        _byProvider = schemas.ToDictionary(s => s.ProviderName, StringComparer.Ordinal);
        _options = options ?? new SchemaCheckOptions();
    }

    /// <summary>A checker over the extracts embedded in this assembly.</summary>
    public static SchemaChecker FromEmbeddedSchemas(SchemaCheckOptions? options = null) =>
        new(ProviderSchema.LoadAllEmbedded(), options);

    /// <summary>True for the placeholder of a value unknown until deployment (see the class remarks).</summary>
    public static bool IsUnknownValue(JsonNode? node) =>
        node is JsonObject o && o.Count == 1 && o.First().Key.StartsWith('$');

    /// <summary>Checks a resource or provider resource registration's inputs.</summary>
    public IReadOnlyList<SchemaViolation> CheckResource(string token, JsonObject inputs)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(inputs);
        var violations = new List<SchemaViolation>();
        var k8s = KubernetesToken().Match(token);
        if (_byProvider.TryGetValue(ProviderOf(token), out var schema) && schema.Resources.TryGetValue(token, out var tokenSchema))
        {
            var identity = k8s.Success && tokenSchema.Properties.ContainsKey("apiVersion") && tokenSchema.Properties.ContainsKey("kind");
            if (identity)
            {
                CheckKubernetesIdentity(token, k8s, inputs, violations);
            }
            var skip = identity ? new HashSet<string>(["apiVersion", "kind"], StringComparer.Ordinal) : null;
            new Walk(this, schema, token, violations).CheckObject("", tokenSchema, inputs, skip, tokenSchema.JsonStringified);
            return violations;
        }

        if (k8s.Success)
        {
            if (_options.CustomResourceAllowList.Contains(token))
            {
                CheckKubernetesIdentity(token, k8s, inputs, violations);
            }
            else
            {
                var hint = Suggest(token, AllResourceTokens());
                violations.Add(new SchemaViolation(token, "", ViolationKind.CustomResourceNotAllowed,
                    $"no schema for this Kubernetes token at kubernetes {VersionOf("kubernetes")}"
                    + (hint is null ? "" : $" (did you mean {hint}?)")
                    + "; add it to tools/provider-schemas/tokens.txt, or allow-list it as a custom resource"));
            }
            return violations;
        }

        violations.Add(UnknownToken(token, "resource", AllResourceTokens()));
        return violations;
    }

    /// <summary>Checks an invoke's arguments.</summary>
    public IReadOnlyList<SchemaViolation> CheckInvoke(string token, JsonObject args)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(args);
        var violations = new List<SchemaViolation>();
        if (_byProvider.TryGetValue(ProviderOf(token), out var schema) && schema.Functions.TryGetValue(token, out var tokenSchema))
        {
            new Walk(this, schema, token, violations).CheckObject("", tokenSchema, args, null, null);
        }
        else
        {
            violations.Add(UnknownToken(token, "function", _byProvider.Values.SelectMany(s => s.Functions.Keys)));
        }
        return violations;
    }

    private SchemaViolation UnknownToken(string token, string what, IEnumerable<string> known)
    {
        var provider = ProviderOf(token);
        var where = _byProvider.ContainsKey(provider) ? $"{provider} {VersionOf(provider)}" : "any provider extract";
        var hint = Suggest(token, known);
        return new SchemaViolation(token, "", ViolationKind.UnknownToken,
            $"no {what} with this token in {where}" + (hint is null ? "" : $" (did you mean {hint}?)"));
    }

    private IEnumerable<string> AllResourceTokens() => _byProvider.Values.SelectMany(s => s.Resources.Keys);

    private string VersionOf(string provider) => _byProvider.TryGetValue(provider, out var s) ? s.Version : "?";

    private static void CheckKubernetesIdentity(string token, Match k8s, JsonObject inputs, List<SchemaViolation> violations)
    {
        var group = k8s.Groups["group"].Value;
        var version = k8s.Groups["version"].Value;
        var expected = new[]
        {
            ("apiVersion", group == "core" ? version : $"{group}/{version}"),
            ("kind", k8s.Groups["kind"].Value),
        };
        foreach (var (name, value) in expected)
        {
            var node = inputs[name];
            if (node is null)
            {
                violations.Add(new SchemaViolation(token, name, ViolationKind.KubernetesIdentity,
                    $"must be set to '{value}' (a dictionary-registered Kubernetes object does not get it from the SDK)"));
            }
            else if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>() != value)
            {
                violations.Add(new SchemaViolation(token, name, ViolationKind.KubernetesIdentity,
                    $"must be '{value}' to match the token, got {node.ToJsonString()}"));
            }
        }
    }

    private static string ProviderOf(string token) =>
        token.StartsWith("pulumi:providers:", StringComparison.Ordinal) ? token["pulumi:providers:".Length..] : token.Split(':')[0];

    // kubernetes:<group>/<version>:<Kind>; the group may contain dots (scheduling.k8s.io).
    [GeneratedRegex("^kubernetes:(?<group>[^:/]+)/(?<version>[^:/]+):(?<kind>[A-Za-z0-9]+)$")]
    private static partial Regex KubernetesToken();

    /// <summary>The closest candidate by edit distance (case-insensitive), if close enough to be a likely typo.</summary>
    internal static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var d = EditDistance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    // One check of one token's inputs against one provider's extract.
    private sealed class Walk(SchemaChecker checker, ProviderSchema schema, string token, List<SchemaViolation> violations)
    {
        public void CheckObject(string path, ObjectSchema type, JsonObject value, HashSet<string>? skip, IReadOnlySet<string>? stringified)
        {
            foreach (var (name, node) in value)
            {
                var propertyPath = path.Length == 0 ? name : $"{path}.{name}";
                if (skip?.Contains(name) == true)
                {
                    continue;
                }
                if (!type.Properties.TryGetValue(name, out var descriptor))
                {
                    var hint = Suggest(name, type.Properties.Keys);
                    Add(propertyPath, ViolationKind.UnknownProperty,
                        "unknown property" + (hint is null ? "" : $" (did you mean {hint}?)"));
                    continue;
                }
                if (stringified?.Contains(name) == true)
                {
                    CheckStringified(propertyPath, descriptor, node);
                }
                else
                {
                    CheckValue(propertyPath, descriptor, node);
                }
            }
            foreach (var name in type.Required.Order(StringComparer.Ordinal))
            {
                if (value[name] is null)
                {
                    Add(path.Length == 0 ? name : $"{path}.{name}", ViolationKind.MissingRequired,
                        $"required input missing (expected {type.Properties[name]})");
                }
            }
        }

        // The typed SDK sends these provider inputs as JSON text; check the text's content.
        private void CheckStringified(string path, TypeDescriptor descriptor, JsonNode? node)
        {
            if (node is null || IsUnknownValue(node))
            {
                return;
            }
            if (node.GetValueKind() != JsonValueKind.String)
            {
                Add(path, ViolationKind.WrongKind,
                    $"expected a string of JSON ({descriptor}): the SDK JSON-stringifies this provider input, got {KindName(node.GetValueKind())}");
                return;
            }
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(node.GetValue<string>());
            }
            catch (JsonException)
            {
                Add(path, ViolationKind.WrongKind, $"expected JSON text of {descriptor}, got {node.ToJsonString()}");
                return;
            }
            CheckValue(path, descriptor, parsed);
        }

        private void CheckValue(string path, TypeDescriptor descriptor, JsonNode? node)
        {
            if (node is null || IsUnknownValue(node))
            {
                return;
            }
            IEnumerable<TypeDescriptor> alternatives = descriptor is UnionDescriptor union ? union.Alternatives : [descriptor];
            if (checker._options.StrictOpenEnums && alternatives.Any(a => a is EnumDescriptor))
            {
                alternatives = alternatives.Where(a => a is not PrimitiveDescriptor { Kind: PrimitiveKind.Text });
            }
            var kind = node.GetValueKind();
            var candidates = alternatives.Where(a => Accepts(a, kind)).ToList();
            if (candidates.Count == 0)
            {
                Add(path, ViolationKind.WrongKind, $"expected {descriptor}, got {KindName(kind)}");
                return;
            }
            // Any matching alternative will do; otherwise report the closest one.
            List<SchemaViolation>? closest = null;
            foreach (var alternative in candidates)
            {
                var own = new List<SchemaViolation>();
                new Walk(checker, schema, token, own).CheckSingle(path, alternative, node);
                if (own.Count == 0)
                {
                    return;
                }
                if (closest is null || own.Count < closest.Count)
                {
                    closest = own;
                }
            }
            violations.AddRange(closest!);
        }

        private void CheckSingle(string path, TypeDescriptor descriptor, JsonNode node)
        {
            switch (descriptor)
            {
                case LiteralDescriptor literal:
                    if (!ScalarEquals(literal.Value, node))
                    {
                        Add(path, ViolationKind.EnumValueNotAllowed, $"must be {literal}, got {node.ToJsonString()}");
                    }
                    break;
                case EnumDescriptor e:
                    var allowed = Enum(e.Name);
                    if (!allowed.Any(v => ScalarEquals(v, node)))
                    {
                        Add(path, ViolationKind.EnumValueNotAllowed,
                            $"{node.ToJsonString()} is not allowed; {e.Name} allows {string.Join(", ", allowed.Select(v => v.ToJsonString()))}");
                    }
                    break;
                case ArrayDescriptor array:
                    var items = node.AsArray();
                    for (var i = 0; i < items.Count; i++)
                    {
                        CheckValue(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), array.Items, items[i]);
                    }
                    break;
                case MapDescriptor map:
                    foreach (var (key, value) in node.AsObject())
                    {
                        CheckValue($"{path}[{JsonSerializer.Serialize(key)}]", map.Values, value);
                    }
                    break;
                case ObjectDescriptor o:
                    CheckObject(path, Type(o.Name), node.AsObject(), null, null);
                    break;
                default:
                    break; // Primitives: the JSON kind, already checked, is all there is to check.
            }
        }

        private bool Accepts(TypeDescriptor descriptor, JsonValueKind kind) => descriptor switch
        {
            PrimitiveDescriptor { Kind: PrimitiveKind.Anything } => true,
            PrimitiveDescriptor { Kind: PrimitiveKind.Text } => kind == JsonValueKind.String,
            PrimitiveDescriptor { Kind: PrimitiveKind.Number } => kind == JsonValueKind.Number,
            PrimitiveDescriptor { Kind: PrimitiveKind.Flag } => kind is JsonValueKind.True or JsonValueKind.False,
            PrimitiveDescriptor => kind == JsonValueKind.Object, // asset, archive
            LiteralDescriptor literal => SameKind(literal.Value.GetValueKind(), kind),
            EnumDescriptor e => Enum(e.Name).Any(v => SameKind(v.GetValueKind(), kind)),
            ArrayDescriptor => kind == JsonValueKind.Array,
            MapDescriptor or ObjectDescriptor => kind == JsonValueKind.Object,
            _ => false,
        };

        private IReadOnlyList<JsonValue> Enum(string name) =>
            schema.Enums.TryGetValue(name, out var values) ? values
                : throw new InvalidDataException($"{schema.Package} extract lacks enum {name}");

        private ObjectSchema Type(string name) =>
            schema.Types.TryGetValue(name, out var type) ? type
                : throw new InvalidDataException($"{schema.Package} extract lacks type {name}");

        private void Add(string path, ViolationKind kind, string message) => violations.Add(new SchemaViolation(token, path, kind, message));
    }

    private static bool SameKind(JsonValueKind a, JsonValueKind b) =>
        a == b || (a is JsonValueKind.True or JsonValueKind.False && b is JsonValueKind.True or JsonValueKind.False);

    private static bool ScalarEquals(JsonValue expected, JsonNode actual)
    {
        var kind = expected.GetValueKind();
        if (!SameKind(kind, actual.GetValueKind()))
        {
            return false;
        }
        return kind switch
        {
            JsonValueKind.String => expected.GetValue<string>() == actual.GetValue<string>(),
            JsonValueKind.Number => Number(expected) == Number(actual),
            _ => expected.GetValueKind() == actual.GetValueKind(),
        };
    }

    // Via the JSON text: a JsonValue made from an int will not hand out a double.
    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
