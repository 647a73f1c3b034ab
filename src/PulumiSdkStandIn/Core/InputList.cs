// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source file sdk/Pulumi/Core/InputList.cs. Every body throws.
using System.Collections;
using System.Collections.Immutable;

namespace Pulumi;

// CA1010/CA1710 are suppressed as in the real SDK: the type implements non-generic IEnumerable (for collection
// initializers) and is named InputList, not ...Collection.
#pragma warning disable CA1010, CA1710
public sealed class InputList<T> : Input<ImmutableArray<T>>, IEnumerable, IAsyncEnumerable<Input<T>>
#pragma warning restore CA1010, CA1710
{
    public InputList() => throw new NotSupportedException(StandIn.Message);

    public void Add(params Input<T>[] inputs) => throw new NotSupportedException(StandIn.Message);

    public void Add(InputList<T> inputs) => throw new NotSupportedException(StandIn.Message);

    public void AddRange(InputList<T> inputs) => throw new NotSupportedException(StandIn.Message);

    public InputList<T> Concat(InputList<T> other) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(T value) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Output<T> value) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Input<T> value) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(T[] values) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Output<T>[] values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Input<T>[] values) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(List<T> values) => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(List<Output<T>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(List<Input<T>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(ImmutableArray<T> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(ImmutableArray<Output<T>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(ImmutableArray<Input<T>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Output<T[]> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Output<List<T>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Output<IEnumerable<T>> values)
        => throw new NotSupportedException(StandIn.Message);

    public static implicit operator InputList<T>(Output<ImmutableArray<T>> values)
        => throw new NotSupportedException(StandIn.Message);

    IEnumerator IEnumerable.GetEnumerator() => throw new NotSupportedException(StandIn.Message);

    public IAsyncEnumerator<Input<T>> GetAsyncEnumerator(CancellationToken cancellationToken)
        => throw new NotSupportedException(StandIn.Message);
}
