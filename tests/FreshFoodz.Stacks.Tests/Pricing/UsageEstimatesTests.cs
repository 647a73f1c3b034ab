using FreshFoodz.Stacks.Pricing;

namespace FreshFoodz.Stacks.Tests.Pricing;

/// <summary>The usage file: volumes people estimate, read strictly, every error naming the file and key.</summary>
public class UsageEstimatesTests
{
    private const string Valid = """
        stack: de-prod
        basis: "Cost Management, November 2026"
        volumes:
          logs-workspace-critical:
            ingestionGbPerDay: 2.5
          platform-cluster:
            processedGbPerMonth: 300
        """;

    [Fact]
    public void ValidFileIsRead()
    {
        var usage = UsageEstimatesFile.Parse("u.yaml", "de-prod", Valid);
        Assert.Equal("Cost Management, November 2026", usage.Basis);
        Assert.Equal(2.5m, usage.Of("logs-workspace-critical", UsageEstimates.IngestionGbPerDay));
        Assert.Equal(300m, usage.Of("platform-cluster", UsageEstimates.ProcessedGbPerMonth));
        Assert.Null(usage.Of("platform-cluster", UsageEstimates.StoredGb));
    }

    [Theory]
    [InlineData("stack: de-prod", "stack: ch-prod", "u.yaml: stack must be 'de-prod', got 'ch-prod'")]
    [InlineData("basis: \"Cost Management, November 2026\"\n", "", "u.yaml: basis is missing (a text value is required)")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestionGbPerDay: -1", "u.yaml: volumes.logs-workspace-critical.ingestionGbPerDay must be a number from 0 to 1000000000, got '-1'")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestionGbPerDay: 2,5", "u.yaml: volumes.logs-workspace-critical.ingestionGbPerDay must be a number from 0 to 1000000000, got '2,5'")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestionGbPerDay: 1e12", "u.yaml: volumes.logs-workspace-critical.ingestionGbPerDay must be a number from 0 to 1000000000, got '1e12'")]
    [InlineData("ingestionGbPerDay: 2.5", "ingestedGbPerDay: 2.5", "u.yaml: volumes.logs-workspace-critical.ingestedGbPerDay is not a quantity; allowed: ingestionGbPerDay, storedGb, processedGbPerMonth, ingressGbPerMonth, egressGbPerMonth, sentGbPerMonth, operationsPerMonth")]
    [InlineData("platform-cluster:\n    processedGbPerMonth: 300", "platform-cluster: 300", "u.yaml: volumes.platform-cluster must be a mapping of quantity -> number (ingestionGbPerDay, storedGb, processedGbPerMonth, ingressGbPerMonth, egressGbPerMonth, sentGbPerMonth, operationsPerMonth)")]
    [InlineData("volumes:", "volume:", "u.yaml: unknown key 'volume'; allowed: stack, basis, volumes")]
    public void BadFileIsRefusedWithTheKeyNamed(string from, string to, string message)
    {
        Assert.Contains(from, Valid, StringComparison.Ordinal);
        var e = Assert.Throws<PriceSheetException>(() => UsageEstimatesFile.Parse("u.yaml", "de-prod", Valid.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void MalformedYamlNamesTheFile() =>
        Assert.StartsWith("u.yaml: malformed YAML:", Assert.Throws<PriceSheetException>(() => UsageEstimatesFile.Parse("u.yaml", "de-prod", "volumes: [\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void NoFileMeansNoEstimatesAndTheSheetCarriesTheFileWhenThereIsOne()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(dir, "prices"));
        File.Copy(PriceSheet.PathIn(ProjectFiles.Root, "de-prod"), PriceSheet.PathIn(dir, "de-prod"));
        Assert.Same(UsageEstimates.None, PriceSheetFile.Load(dir, "de-prod").Usage);
        File.WriteAllText(UsageEstimates.PathIn(dir, "de-prod"), Valid);
        Assert.Equal(300m, PriceSheetFile.Load(dir, "de-prod").Usage.Of("platform-cluster", UsageEstimates.ProcessedGbPerMonth));
    }
}
