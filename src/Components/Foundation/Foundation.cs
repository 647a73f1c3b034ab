using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Foundation;

public sealed record FoundationArgs
{
    public required TerritoryContext Context { get; init; }
}

/// <summary>The resource groups a territory's data lives in, each fenced by Azure Policy to the territory's regions.</summary>
public sealed record FoundationResources(PlannedResource PrimaryGroup, PlannedResource DisasterRecoveryGroup);

/// <summary>
/// Resource groups in the primary and the in-country DR region, and an assignment of the built-in "Allowed locations"
/// policy on each, listing exactly the territory's regions: Azure itself refuses a resource outside them.
/// </summary>
public static class Foundation
{
    public const string Type = "freshfoodz:foundation:Foundation";

    /// <summary>Built-in policy "Allowed locations" (Azure/azure-policy, built-in-policies/policyDefinitions/General);
    /// it does not apply to resource groups or 'global' resources.</summary>
    public const string AllowedLocationsPolicy = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c";

    public static FoundationResources Add(PlanBuilder plan, string name, FoundationArgs args)
    {
        var c = args.Context;
        var scope = plan.Component(Type, name);
        PlannedResource Group(string role, Residency.AzureRegion region) => scope.Resource(
            "azure-native:resources:ResourceGroup", $"rg-{role}",
            new Props
            {
                ["resourceGroupName"] = c.Names.ResourceGroup(region),
                ["location"] = region.Name,
                ["tags"] = c.Tags.For(DataClassification.Internal),
            },
            // Deleting a group deletes everything in it: a destroy keeps the groups (retainOnDelete), and the data in
            // them is locked against deletion, so Azure refuses to delete a group that holds it (Resilience.DeleteLock).
            Resilience.DeleteLock.Kept);

        var primary = Group("primary", c.Primary);
        var dr = Group("dr", c.DisasterRecovery);
        foreach (var (role, group) in new[] { ("primary", primary), ("dr", dr) })
        {
            scope.Resource("azure-native:authorization:PolicyAssignment", $"residency-{role}", new Props
            {
                ["scope"] = group.Id,
                ["policyAssignmentName"] = $"allowed-locations-{c.Territory.Code}",
                ["displayName"] = $"FreshFoodz {c.Territory.Country} data residency",
                ["policyDefinitionId"] = AllowedLocationsPolicy,
                ["parameters"] = new Props
                {
                    ["listOfAllowedLocations"] = new Props { ["value"] = PlanValue.List(c.Territory.Regions.Select(r => (PlanValue)r.Name)) },
                },
                // A dictionary registration must set what the typed SDK defaults (provider facts).
                ["enforcementMode"] = "Default",
                ["nonComplianceMessages"] = PlanValue.List(new Props
                {
                    ["message"] = $"{c.Territory.Country} data stays in {string.Join(" and ", c.Territory.Regions.Select(r => r.DisplayName))}.",
                }),
            });
        }
        return new FoundationResources(primary, dr);
    }
}
