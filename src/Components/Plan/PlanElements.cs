using System.Collections.Immutable;

namespace FreshFoodz.Components.Plan;

/// <summary>Pulumi resource options the plan carries for a resource.</summary>
public sealed record PlanOptions
{
    /// <summary>The parent component's name.</summary>
    public string? Parent { get; init; }

    /// <summary>The explicit provider's name; the default provider is never used.</summary>
    public string? Provider { get; init; }

    public ImmutableArray<string> DependsOn { get; init; } = [];

    /// <summary>Stateful resources are protected: Pulumi refuses to delete them.</summary>
    public bool Protect { get; init; }

    /// <summary>Leave the cloud resource in place if Pulumi ever deletes it from the stack.</summary>
    public bool RetainOnDelete { get; init; }

    public ImmutableArray<string> IgnoreChanges { get; init; } = [];

    public ImmutableArray<string> AdditionalSecretOutputs { get; init; } = [];

    /// <summary>
    /// URNs the resource had before (<see cref="Urns"/>): a rename, a new parent or a new type keeps the cloud resource
    /// instead of replacing it (Pulumi docs "Resource option: aliases").
    /// </summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>How long create, update and delete may run; null: the provider's default.</summary>
    public PlanTimeouts? CustomTimeouts { get; init; }

    /// <summary>On a replacement, delete the old resource before creating the new one (fixed names collide otherwise).</summary>
    public bool DeleteBeforeReplace { get; init; }

    /// <summary>Input paths whose change replaces the resource, beyond what its provider replaces on.</summary>
    public ImmutableArray<string> ReplaceOnChanges { get; init; } = [];

    public bool Equals(PlanOptions? other) =>
        other is not null && Parent == other.Parent && Provider == other.Provider && Protect == other.Protect
        && RetainOnDelete == other.RetainOnDelete && DependsOn.SequenceEqual(other.DependsOn)
        && IgnoreChanges.SequenceEqual(other.IgnoreChanges) && AdditionalSecretOutputs.SequenceEqual(other.AdditionalSecretOutputs)
        && Aliases.SequenceEqual(other.Aliases) && Equals(CustomTimeouts, other.CustomTimeouts)
        && DeleteBeforeReplace == other.DeleteBeforeReplace && ReplaceOnChanges.SequenceEqual(other.ReplaceOnChanges);

    public override int GetHashCode() => HashCode.Combine(Parent, Provider, Protect, RetainOnDelete, DependsOn.Length, IgnoreChanges.Length, Aliases.Length, CustomTimeouts);
}

/// <summary>
/// Operation time limits (Pulumi's customTimeouts), in whole minutes; a null one leaves the provider's default. The
/// SDK sends each as a Go duration in nanoseconds (pulumi-dotnet sdk/Pulumi/Resources/CustomTimeouts.cs).
/// </summary>
public sealed record PlanTimeouts(TimeSpan? Create = null, TimeSpan? Update = null, TimeSpan? Delete = null)
{
    public static PlanTimeouts Minutes(int create, int update, int delete) =>
        new(TimeSpan.FromMinutes(create), TimeSpan.FromMinutes(update), TimeSpan.FromMinutes(delete));

    /// <summary>The plan's text for a limit: whole minutes, <c>90m</c>.</summary>
    public static string Format(TimeSpan limit) =>
        limit.Ticks % TimeSpan.TicksPerMinute == 0 && limit > TimeSpan.Zero
            ? $"{(long)limit.TotalMinutes}m".ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(nameof(limit), limit, "a plan's timeout is a positive whole number of minutes");

    public static TimeSpan Parse(string text) =>
        text.EndsWith('m') && long.TryParse(text[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : throw new FormatException($"timeout '{text}' is not a whole number of minutes like 90m");
}

/// <summary>A resource the Pulumi program registers: type token, logical name, inputs as the schema names them.</summary>
public sealed record PlannedResource(string Type, string Name, PlanMap Inputs, PlanOptions Options)
{
    /// <summary>The provider package the token belongs to: <c>azure-native</c>, <c>kubernetes</c>, <c>random</c>.</summary>
    public string Package => Type[..Type.IndexOf(':')];

    public PlanRef Ref(string output) => new(Name, output);

    public PlanRef Id => Ref("id");
}

/// <summary>A component resource (<c>freshfoodz:&lt;area&gt;:&lt;Name&gt;</c>) grouping resources as a tree.</summary>
public sealed record PlannedComponent(string Type, string Name, string? Parent);

/// <summary>
/// A reference to the outputs of a stack of this project and organization (<c>pulumi:pulumi:StackReference</c>), named
/// <paramref name="Stack"/> as <c>&lt;project&gt;/&lt;stack&gt;</c>: the program registers it as
/// <c>&lt;organization&gt;/&lt;project&gt;/&lt;stack&gt;</c>, the organization being the one it runs in.
/// </summary>
public sealed record PlannedStackReference(string Name, string Stack);

/// <summary>An explicit provider (<c>pulumi:providers:&lt;package&gt;</c>) with its pinned plugin version.</summary>
public sealed record PlannedProvider(string Package, string Name, PlanMap Inputs)
{
    public string Version => ProviderVersions.For(Package);
}

/// <summary>The provider plugin versions every resource and provider is pinned to.</summary>
public static class ProviderVersions
{
    public const string AzureNative = "3.28.0";
    public const string Kubernetes = "4.34.2";
    public const string Random = "4.21.2";

    public static string For(string package) => package switch
    {
        "azure-native" => AzureNative,
        "kubernetes" => Kubernetes,
        "random" => Random,
        _ => throw new ArgumentException($"no pinned version for provider package '{package}'", nameof(package)),
    };
}
