using FreshFoodz.Components.Plan;

namespace FreshFoodz.Components.Tagging;

/// <summary>How sensitive a resource's data is; set per resource as the <c>dataClassification</c> tag.</summary>
public enum DataClassification
{
    Internal,
    Confidential,
    Restricted,
}

/// <summary>
/// The tags every taggable Azure resource carries: territory, data classification, cost centre. Not the season: it
/// lives on the stack (the <c>seasonSwitch</c> output, the season ConfigMap, the stack tag), so a season switch touches
/// only the resources whose capacity changes (docs/seasonal-operations.md, "What a switch touches").
/// </summary>
public sealed record StackTags(string Stack, string Territory, string CostCentre)
{
    public static readonly IReadOnlyList<string> Required = ["territory", "dataClassification", "costCentre"];

    public Props For(DataClassification classification) => new()
    {
        ["territory"] = Territory,
        ["dataClassification"] = classification.ToString().ToLowerInvariant(),
        ["costCentre"] = CostCentre,
        ["stack"] = Stack,
        ["managedBy"] = "pulumi",
    };

    /// <summary>Kubernetes labels with the same meaning (label values cannot hold every tag character).</summary>
    public Props Labels() => new()
    {
        ["freshfoodz.io/territory"] = Territory,
        ["freshfoodz.io/stack"] = Stack,
        ["app.kubernetes.io/managed-by"] = "pulumi",
    };
}
