// Compile-only stand-in: signatures from pulumi/pulumi-dotnet v3.112.1 (commit 5e61d9ad), PublicAPI.Shipped.txt and
// source files sdk/Pulumi/Core/Output.cs and sdk/Pulumi/Core/Output_Tuple.cs. Every body throws.
// Left out: Output.JsonDeserialize, the Tuple overloads of four to eight items, Output<T>.Create, UntypedApply and the
// ToString override. All five Apply overloads are here, as they decide which one a lambda binds to.
using System.Collections.Immutable;
using System.Text.Json;

namespace Pulumi;

public static class Output
{
    public static Output<T> Create<T>(T value) => throw new NotSupportedException(StandIn.Message);

    public static Output<T> Create<T>(Task<T> value) => throw new NotSupportedException(StandIn.Message);

    public static Output<T> CreateSecret<T>(T value) => throw new NotSupportedException(StandIn.Message);

    public static Output<T> CreateSecret<T>(Task<T> value) => throw new NotSupportedException(StandIn.Message);

    public static Output<T> CreateSecret<T>(Output<T> value) => throw new NotSupportedException(StandIn.Message);

    public static Output<T> Unsecret<T>(Output<T> output) => throw new NotSupportedException(StandIn.Message);

    public static Task<bool> IsSecretAsync<T>(Output<T> output) => throw new NotSupportedException(StandIn.Message);

    public static Output<ImmutableArray<T>> All<T>(params Input<T>[] inputs)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Input<T>> inputs)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<ImmutableArray<T>> All<T>(params Output<T>[] outputs)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<ImmutableArray<T>> All<T>(IEnumerable<Output<T>> outputs)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<string> Format(FormattableString formattableString)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<string> JsonSerialize<T>(Output<T> value, JsonSerializerOptions? options = null)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<(T1, T2)> Tuple<T1, T2>(Input<T1> item1, Input<T2> item2)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Input<T1> item1, Input<T2> item2, Input<T3> item3)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<(T1, T2)> Tuple<T1, T2>(Output<T1> item1, Output<T2> item2)
        => throw new NotSupportedException(StandIn.Message);

    public static Output<(T1, T2, T3)> Tuple<T1, T2, T3>(Output<T1> item1, Output<T2> item2, Output<T3> item3)
        => throw new NotSupportedException(StandIn.Message);
}

public sealed class Output<T>
{
    // The real constructor is internal; this one only keeps the compiler from adding a public one.
    private Output() => throw new NotSupportedException(StandIn.Message);

    public Output<ValueTuple> Apply(Func<T, Task> func) => throw new NotSupportedException(StandIn.Message);

    public Output<TResult> Apply<TResult>(Func<T, TResult> func) => throw new NotSupportedException(StandIn.Message);

    public Output<TResult> Apply<TResult>(Func<T, Task<TResult>> func)
        => throw new NotSupportedException(StandIn.Message);

    public Output<TResult> Apply<TResult>(Func<T, Input<TResult>?> func)
        => throw new NotSupportedException(StandIn.Message);

    public Output<TResult> Apply<TResult>(Func<T, Output<TResult>?> func)
        => throw new NotSupportedException(StandIn.Message);
}
