using Pulumi;

namespace FreshFoodz.PulumiProgram;

/// <summary>
/// A planned resource registered through Pulumi's generic API. A plain CustomResource exposes only its id, so the
/// outputs a plan may reference (<see cref="Components.Plan.ReferenceOutputs"/>) are declared here.
/// </summary>
internal sealed class PlannedCustomResource(string type, string name, ResourceArgs args, CustomResourceOptions options)
    : CustomResource(type, name, args, options)
{
    [Output("name")]
    public Output<string> ResourceName { get; private set; } = null!;

    [Output("fullyQualifiedDomainName")]
    public Output<string> FullyQualifiedDomainName { get; private set; } = null!;

    [Output("result")]
    public Output<string> Result { get; private set; } = null!;

    public Output<string> OutputNamed(string output) => output switch
    {
        "id" => Id,
        "name" => ResourceName,
        "fullyQualifiedDomainName" => FullyQualifiedDomainName,
        "result" => Result,
        _ => throw new InvalidOperationException($"output '{output}' of {GetResourceName()} is not declared on PlannedCustomResource"),
    };
}

/// <summary>A planned component (<c>freshfoodz:&lt;area&gt;:&lt;Name&gt;</c>); its children carry it as parent.</summary>
internal sealed class PlannedComponentResource : ComponentResource
{
    public PlannedComponentResource(string type, string name, ComponentResourceOptions options)
        : base(type, name, options) => RegisterOutputs();
}
