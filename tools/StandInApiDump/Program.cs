using System.Runtime.Loader;
using FreshFoodz.Tools.StandInApiDump;

const string Usage = """
    Usage:
      StandInApiDump dump <Pulumi.dll> [--nullable]
          Print the assembly's public API, one PublicAPI.Shipped.txt line each (--nullable: with reference-type
          nullable annotations, for reviewing against the real source).
      StandInApiDump check <Pulumi.dll> <PublicAPI.Shipped.txt> <allow-list>
          Report every API line of the assembly that is not in the reference list. Lines verified by hand in the real
          source sit in the allow-list ("<API line> | <source file> | <why the list lacks it>"). Exit 1 on any
          unexplained line or stale allow-list entry.
    """;

if (args.Length < 2 || args[0] is not ("dump" or "check"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var assemblyPath = Path.GetFullPath(args[1]);
if (!File.Exists(assemblyPath))
{
    Console.Error.WriteLine($"No assembly at {assemblyPath}: build src/PulumiSdkStandIn first.");
    return 2;
}

// A context of its own, so that this assembly named Pulumi is inspected by path and never confused with another.
var assembly = new AssemblyLoadContext("pulumi-standin", isCollectible: true).LoadFromAssemblyPath(assemblyPath);

if (args[0] == "dump")
{
    var nullable = args.Skip(2).Contains("--nullable");
    foreach (var line in new ApiFormatter(nullable).Format(assembly))
    {
        Console.WriteLine(line);
    }

    return 0;
}

if (args.Length != 4)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var referencePath = Path.GetFullPath(args[2]);
var allowListPath = Path.GetFullPath(args[3]);
foreach (var path in new[] { referencePath, allowListPath })
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"No file at {path}.");
        return 2;
    }
}

var referenceLines = File.ReadAllLines(referencePath).Select(l => l.Trim()).ToList();
// A list written by a nullable-aware analyzer starts with "#nullable enable" and annotates reference types.
var referenceIsNullable = referenceLines.Contains("#nullable enable");
var reference = referenceLines.Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

var (allowed, allowListErrors) = AllowList.Read(allowListPath);
var standIn = new ApiFormatter(referenceIsNullable).Format(assembly);

var inList = standIn.Where(reference.Contains).ToList();
var verified = standIn.Where(l => !reference.Contains(l) && allowed.ContainsKey(l)).ToList();
var unexplained = standIn.Where(l => !reference.Contains(l) && !allowed.ContainsKey(l)).ToList();
var stale = allowed.Keys
    .Where(l => reference.Contains(l) || !standIn.Contains(l))
    .Order(StringComparer.Ordinal)
    .ToList();

Console.WriteLine($"Stand-in {assemblyPath}: {standIn.Count} API lines.");
Console.WriteLine($"Reference {referencePath}{(referenceIsNullable ? " (nullable-annotated)" : "")}.");
Console.WriteLine($"  {inList.Count} are in the reference list.");
Console.WriteLine($"  {verified.Count} are missing from the list but were verified by hand in the source (allow-list):");
foreach (var line in verified)
{
    Console.WriteLine($"    {line}    [{allowed[line].Source}]");
}

foreach (var error in allowListErrors)
{
    Console.WriteLine($"ALLOW-LIST ERROR: {error}");
}

if (unexplained.Count > 0)
{
    Console.WriteLine($"UNEXPLAINED DRIFT: {unexplained.Count} stand-in lines are in neither the list nor the allow-list.");
    Console.WriteLine("  Check each against the real source; fix the stand-in, or add a verified line to the allow-list:");
    foreach (var line in unexplained)
    {
        Console.WriteLine($"    {line}");
    }
}

if (stale.Count > 0)
{
    Console.WriteLine($"STALE ALLOW-LIST ENTRIES: {stale.Count} (the stand-in has no such line, or the list has it now):");
    foreach (var line in stale)
    {
        Console.WriteLine($"    {line}");
    }
}

var ok = unexplained.Count == 0 && stale.Count == 0 && allowListErrors.Count == 0;
Console.WriteLine(ok ? "OK: no unexplained drift." : "FAILED: see above.");
return ok ? 0 : 1;
