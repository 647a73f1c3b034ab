using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components.Network;

/// <summary>
/// A private endpoint for a service in the primary region's endpoint subnet, with its A record written into the
/// territory's private zone by a DNS zone group (Azure docs, "Azure Private Endpoint DNS integration").
/// </summary>
public static class PrivateEndpoints
{
    public static PlannedResource Add(
        ComponentScope scope, TerritoryContext c, string role, PlannedResource group, PlannedResource subnet, PlannedResource target, string groupId, PlannedResource zone)
    {
        var endpoint = scope.Resource("azure-native:network:PrivateEndpoint", $"{role}-endpoint", new Props
        {
            ["resourceGroupName"] = group.Ref("name"),
            ["privateEndpointName"] = $"pe-{c.Names.Stack}-{role}",
            ["location"] = c.Primary.Name,
            ["subnet"] = new Props { ["id"] = subnet.Id },
            ["privateLinkServiceConnections"] = PlanValue.List(new Props
            {
                ["name"] = $"{role}-{groupId}",
                ["privateLinkServiceId"] = target.Id,
                ["groupIds"] = PlanValue.List(groupId),
            }),
            ["tags"] = c.Tags.For(DataClassification.Internal),
        });
        scope.Resource("azure-native:network:PrivateDnsZoneGroup", $"{role}-endpoint-dns", new Props
        {
            ["resourceGroupName"] = group.Ref("name"),
            ["privateEndpointName"] = endpoint.Ref("name"),
            ["privateDnsZoneGroupName"] = "default",
            ["privateDnsZoneConfigs"] = PlanValue.List(new Props { ["name"] = groupId, ["privateDnsZoneId"] = zone.Id }),
        });
        return endpoint;
    }
}
