using System.Collections;
using System.Collections.Immutable;

namespace FreshFoodz.Components.Plan;

/// <summary>
/// An input value in the plan. Plain data (string, number, bool, list, map), or one of three deferred kinds the
/// Pulumi program resolves: a reference to another planned resource's output, a secret stack-config value, or the
/// result of a provider function. Nothing else is opaque, and secrets are never literal.
/// </summary>
public abstract record PlanValue
{
    public static implicit operator PlanValue(string value) => new PlanString(value);

    public static implicit operator PlanValue(int value) => new PlanInt(value);

    public static implicit operator PlanValue(double value) => new PlanDouble(value);

    public static implicit operator PlanValue(bool value) => new PlanBool(value);

    public static implicit operator PlanValue(Props props) => props.Build();

    public static PlanList List(params IEnumerable<PlanValue> items) => new([.. items]);

    /// <summary>Every value inside this one, this one included (depth first).</summary>
    public IEnumerable<PlanValue> Descendants()
    {
        yield return this;
        var children = this switch
        {
            PlanList l => l.Items.AsEnumerable(),
            PlanMap m => m.Entries.Values,
            PlanSecret s => [s.Value],
            PlanInvoke i => [i.Args],
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var d in child.Descendants())
            {
                yield return d;
            }
        }
    }
}

public sealed record PlanString(string Value) : PlanValue;

public sealed record PlanInt(int Value) : PlanValue;

public sealed record PlanDouble(double Value) : PlanValue;

public sealed record PlanBool(bool Value) : PlanValue;

public sealed record PlanList(ImmutableArray<PlanValue> Items) : PlanValue
{
    public bool Equals(PlanList? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(17, (h, v) => HashCode.Combine(h, v));
}

/// <summary>A map with keys in ordinal order, so plans serialize and compare the same every time.</summary>
public sealed record PlanMap(ImmutableSortedDictionary<string, PlanValue> Entries) : PlanValue
{
    public static PlanMap Empty { get; } = new(ImmutableSortedDictionary.Create<string, PlanValue>(StringComparer.Ordinal));

    public PlanValue? this[string key] => Entries.GetValueOrDefault(key);

    /// <summary>The value at a dotted path (<c>storage.storageSizeGB</c>), or null.</summary>
    public PlanValue? At(string path) =>
        path.Split('.').Aggregate((PlanValue?)this, (v, key) => v is PlanMap m ? m[key] : null);

    public PlanMap With(string key, PlanValue value) => new(Entries.SetItem(key, value));

    public bool Equals(PlanMap? other) =>
        other is not null && Entries.Count == other.Entries.Count
        && Entries.All(e => other.Entries.TryGetValue(e.Key, out var v) && e.Value.Equals(v));

    public override int GetHashCode() => Entries.Aggregate(17, (h, e) => HashCode.Combine(h, e.Key, e.Value));
}

/// <summary>An output of another planned resource (<c>id</c>, <c>name</c>, …), resolved by the Pulumi engine.</summary>
public sealed record PlanRef(string Resource, string Output) : PlanValue;

/// <summary>A value the Pulumi program registers as a secret. It wraps only deferred values, never a literal.</summary>
public sealed record PlanSecret : PlanValue
{
    public PlanSecret(PlanValue value)
    {
        if (value is not (PlanRef or PlanConfigSecret or PlanInvoke))
        {
            throw new ArgumentException("a secret in the plan must be a reference, secret config or invoke result, never a literal", nameof(value));
        }
        Value = value;
    }

    public PlanValue Value { get; }
}

/// <summary>A secret stack-config value (<c>pulumi config set --secret</c>); the plan holds only its key.</summary>
public sealed record PlanConfigSecret(string Key) : PlanValue;

/// <summary>
/// The result of a provider function, e.g. an AKS cluster's user kubeconfig: the value at
/// <paramref name="ResultPath"/> (<c>kubeconfigs[0].value</c>), base64-decoded if asked. It runs on the explicit
/// <paramref name="Provider"/> the plan names (its subscription and location), never a default provider.
/// </summary>
public sealed record PlanInvoke(string Token, string Provider, PlanMap Args, string ResultPath, bool Base64Decode) : PlanValue;

/// <summary>
/// A mutable builder for input maps, so components read like the provider's own shape:
/// <c>new Props { ["location"] = region.Name, ["sku"] = new Props { ["name"] = "Standard_GZRS" } }</c>.
/// Null values are left out (an unset optional input).
/// </summary>
public sealed class Props : IEnumerable<KeyValuePair<string, PlanValue>>
{
    private readonly ImmutableSortedDictionary<string, PlanValue>.Builder _entries =
        ImmutableSortedDictionary.CreateBuilder<string, PlanValue>(StringComparer.Ordinal);

    public PlanValue? this[string key]
    {
        get => _entries.GetValueOrDefault(key);
        set
        {
            if (value is null)
            {
                _entries.Remove(key);
            }
            else
            {
                _entries[key] = value;
            }
        }
    }

    public void Add(string key, PlanValue? value) => this[key] = value;

    public PlanMap Build() => new(_entries.ToImmutable());

    public static Props From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var props = new Props();
        foreach (var (k, v) in entries)
        {
            props[k] = v;
        }
        return props;
    }

    public IEnumerator<KeyValuePair<string, PlanValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
