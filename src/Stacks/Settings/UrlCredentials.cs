namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Credentials hidden in plain URLs: <c>user:password@</c> or a query parameter such as <c>api_key=</c>,
/// <c>token=</c> or an Azure SAS <c>sig=</c>. Such a URL would carry a secret into a committed file, a plan or a
/// rendered alertmanager.yaml, so it is refused (and never repeated in the message).
/// </summary>
public static class UrlCredentials
{
    /// <summary>Parts of query parameter names that carry credentials (matched case-insensitively).</summary>
    private static readonly string[] CredentialWords =
        ["key", "token", "secret", "password", "passwd", "pwd", "auth", "sig", "code", "credential", "session"];

    /// <summary>The first query parameter of <paramref name="url"/> whose name looks like a credential, or null.</summary>
    public static string? QueryParameter(Uri url)
    {
        var query = url.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return null;
        }
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(pair.Split('=', 2)[0]);
            if (CredentialWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return ValueText.OneLine(name, 40);
            }
        }
        return null;
    }
}
