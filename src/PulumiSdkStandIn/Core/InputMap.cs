// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Core/InputMap.cs (which names the type parameter TValue; the list's "V" is older). Every
// body throws.
using System.Collections;
using System.Collections.Immutable;

namespace Pulumi;

// CA1010/CA1710 are suppressed as in the real SDK: the type implements non-generic IEnumerable (for collection
// initializers) and is named InputMap, not ...Dictionary.
#pragma warning disable CA1010, CA1710
public sealed class InputMap<TValue>
    : Input<ImmutableDictionary<string, TValue>>, IEnumerable, IAsyncEnumerable<Input<KeyValuePair<string, TValue>>>
#pragma warning restore CA1010, CA1710
{
    public InputMap() => throw new NotSupportedException(StandIn.Message);

    public void Add(string key, Input<TValue> value) => throw new NotSupportedException(StandIn.Message);

    public void Add(InputMap<TValue> values) => throw new NotSupportedException(StandIn.Message);

    public void AddRange(InputMap<TValue> values) => throw new NotSupportedException(StandIn.Message);

    // A set-only indexer, as in the real SDK.
    public Input<TValue> this[string key]
    {
        set => throw new NotSupportedException(StandIn.Message);
    }

    // CA1000 (static member on a generic type) is suppressed: the real SDK ships Merge as static here.
#pragma warning disable CA1000
    public static InputMap<TValue> Merge(InputMap<TValue> first, InputMap<TValue> second)
        => throw new NotSupportedException(StandIn.Message);
#pragma warning restore CA1000

    public static implicit operator InputMap<TValue>(Dictionary<string, TValue> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputMap<TValue>(ImmutableDictionary<string, TValue> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputMap<TValue>(Output<Dictionary<string, TValue>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputMap<TValue>(Output<IDictionary<string, TValue>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputMap<TValue>(Output<ImmutableDictionary<string, TValue>> values)
        => throw new NotSupportedException(StandIn.Message);

    IEnumerator IEnumerable.GetEnumerator() => throw new NotSupportedException(StandIn.Message);

    public IAsyncEnumerator<Input<KeyValuePair<string, TValue>>> GetAsyncEnumerator(
        CancellationToken cancellationToken)
        => throw new NotSupportedException(StandIn.Message);
}
