namespace FreshFoodz.Stacks.Settings;

/// <summary>"Did you mean" for misspelt keys and values.</summary>
internal static class Suggestions
{
    /// <summary>
    /// A candidate the input is a truncation of (at least 4 characters, e.g. meanServiceTime for
    /// meanServiceTimeSeconds), else the closest within edit distance about a third of the input's length, or null.
    /// </summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        if (input.Length > MaxInput)
        {
            return null; // no key is this long; a distance over it would only cost time
        }
        if (input.Length >= 4 && list.FirstOrDefault(c => c.StartsWith(input, StringComparison.OrdinalIgnoreCase)) is { } extended)
        {
            return extended;
        }
        var best = list
            .Select(c => (Candidate: c, Distance: Distance(input.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= Math.Max(1, (input.Length + 2) / 3) ? best.Candidate : null;
    }

    private const int MaxInput = 100;

    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } c ? $" (did you mean '{c}'?)" : "";

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
