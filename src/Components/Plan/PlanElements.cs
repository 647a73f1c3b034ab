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

    public bool Equals(PlanOptions? other) =>
        other is not null && Parent == other.Parent && Provider == other.Provider && Protect == other.Protect
        && RetainOnDelete == other.RetainOnDelete && DependsOn.SequenceEqual(other.DependsOn)
        && IgnoreChanges.SequenceEqual(other.IgnoreChanges) && AdditionalSecretOutputs.SequenceEqual(other.AdditionalSecretOutputs);

    public override int GetHashCode() => HashCode.Combine(Parent, Provider, Protect, RetainOnDelete, DependsOn.Length, IgnoreChanges.Length);
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
