namespace FreshFoodz.Stacks.Settings;

/// <summary>One problem with a stack's settings: where it is, which key, and what is allowed.</summary>
public sealed record SettingsError(string Source, int? Line, string KeyPath, string Message)
{
    /// <summary>One line, however hostile the key or value it names (control characters escaped, length bounded).</summary>
    public override string ToString()
    {
        var key = ValueText.OneLine(KeyPath, 300);
        var message = ValueText.OneLine(Message, 1000);
        return Line is { } line ? $"{Source}:{line}: {key}: {message}" : $"{Source}: {key}: {message}";
    }
}

/// <summary>Settings that failed validation; carries every problem found, not just the first.</summary>
public sealed class StackSettingsException(IReadOnlyList<SettingsError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<SettingsError> Errors { get; } = errors;
}

/// <summary>
/// The problems found in one file, in the order found: the first <see cref="MaxErrors"/> listed, then a last line
/// counting the rest, so a file of thousands of bad keys gets a bounded report.
/// </summary>
public sealed class ProblemList(string source)
{
    /// <summary>Enough to fix a file in one pass.</summary>
    public const int MaxErrors = 20;

    private readonly List<SettingsError> _errors = [];
    private int _dropped;

    public string Source => source;

    public bool Any => _errors.Count > 0;

    /// <summary>Whether further problems are only counted, not listed.</summary>
    public bool Full => _errors.Count >= MaxErrors;

    public IReadOnlyList<SettingsError> Errors => _dropped == 0
        ? _errors
        : [.. _errors, new SettingsError(source, null, "(file)", $"{_dropped} more problem{(_dropped == 1 ? "" : "s")} not listed; fix these first")];

    public void Add(ConfigNode? at, string path, string message)
    {
        if (Full)
        {
            _dropped++;
        }
        else
        {
            _errors.Add(new SettingsError(source, at?.Line, path, message));
        }
    }
}
