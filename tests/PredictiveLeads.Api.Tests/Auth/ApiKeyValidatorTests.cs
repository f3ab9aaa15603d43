using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PredictiveLeads.Api.Auth;

namespace PredictiveLeads.Api.Tests.Auth;

public sealed class ApiKeyValidatorTests
{
    private sealed class Fixed(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue { get; set; } = value;

        public AuthOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public void A_key_configured_by_its_hash_matches_only_the_key_itself()
    {
        var validator = new ApiKeyValidator(new Fixed(new AuthOptions
        {
            ApiKeys =
            [
                new ApiKeyOptions { Name = "crm", Role = "score", KeyHash = Hash("crm-secret-key-001") },
                new ApiKeyOptions { Name = "ops", Role = "admin", Key = "ops-secret-key-0001" },
            ],
        }));

        Assert.Equal("crm", validator.Match("crm-secret-key-001")?.Name);
        Assert.Equal("ops", validator.Match("ops-secret-key-0001")?.Name);
        Assert.Null(validator.Match("crm-secret-key-002"));
        Assert.Null(validator.Match(Hash("crm-secret-key-001")));
        Assert.Equal("crm", validator.Match("crm-secret-key-001")?.Name);
    }

    [Fact]
    public void A_key_matched_before_stops_matching_once_the_configuration_drops_it_or_changes_its_role()
    {
        var keys = new Fixed(new AuthOptions
        {
            ApiKeys =
            [
                new ApiKeyOptions { Name = "crm", Role = "admin", Key = "crm-secret-key-001" },
                new ApiKeyOptions { Name = "ops", Role = "admin", Key = "ops-secret-key-0001" },
            ],
        });
        var validator = new ApiKeyValidator(keys);
        Assert.Equal("admin", validator.Match("crm-secret-key-001")?.Role);
        Assert.Equal("admin", validator.Match("crm-secret-key-001")?.Role);

        keys.CurrentValue = new AuthOptions { ApiKeys = [new ApiKeyOptions { Name = "crm", Role = "score", Key = "crm-secret-key-001" }] };
        Assert.Equal("score", validator.Match("crm-secret-key-001")?.Role);
        Assert.Null(validator.Match("ops-secret-key-0001"));

        keys.CurrentValue = new AuthOptions { ApiKeys = [new ApiKeyOptions { Name = "ops", Role = "admin", Key = "ops-secret-key-0001" }] };
        Assert.Null(validator.Match("crm-secret-key-001"));
    }

    [Fact]
    public void A_lower_case_hash_works_as_well()
    {
        var validator = new ApiKeyValidator(new Fixed(new AuthOptions
        {
            ApiKeys = [new ApiKeyOptions { Name = "crm", Role = "score", KeyHash = Hash("crm-secret-key-001").ToLowerInvariant() }],
        }));

        Assert.Equal("crm", validator.Match("crm-secret-key-001")?.Name);
    }

    [Theory]
    [InlineData("short", null, "shorter than 12")]
    [InlineData(null, "abc", "64-character hex")]
    [InlineData("long-enough-key-1", "0000000000000000000000000000000000000000000000000000000000000000", "exactly one of")]
    [InlineData(null, null, "exactly one of")]
    public void A_misconfigured_key_is_refused_with_the_reason(string? key, string? hash, string expected)
    {
        var options = new ApiKeyOptions { Name = "crm", Role = "score", Key = key, KeyHash = hash };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Contains(problems, p => p!.Contains(expected, StringComparison.Ordinal) && p.Contains("'crm'", StringComparison.Ordinal));
    }
}
