using System.ComponentModel.DataAnnotations;

namespace PredictiveLeads.Api.Auth;

/// <summary>The API keys that may call the service (<c>Auth:ApiKeys</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>One API key: who it is for, what it may do, and the key itself or its SHA-256 (hex).</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary><c>score</c> (scoring and reading) or <c>admin</c> (also activating model versions).</summary>
    [Required]
    [RegularExpression("^(score|admin)$")]
    public string Role { get; set; } = "score";

    public string? Key { get; set; }

    public string? KeyHash { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Key) == string.IsNullOrEmpty(KeyHash))
            yield return new ValidationResult($"API key '{Name}' needs exactly one of Key or KeyHash");
        if (Key is { Length: > 0 and < 12 })
            yield return new ValidationResult($"API key '{Name}' is shorter than 12 characters");
        if (KeyHash is { } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit)))
            yield return new ValidationResult($"API key '{Name}': KeyHash must be a 64-character hex SHA-256");
    }
}
