using Microsoft.Extensions.Configuration;

namespace PredictiveLeads.Api.Tests;

/// <summary>Configuration a test changes while the service runs, as an operator editing its settings would; <see cref="Apply"/> makes the service see it.</summary>
public sealed class LiveSettings : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public new void Set(string key, string? value) => base.Set(key, value);

    /// <summary>Removes every setting under <paramref name="prefix"/> (such as one entry of a list).</summary>
    public void Remove(string prefix)
    {
        foreach (var key in Data.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
            Data.Remove(key);
    }

    public void Apply() => OnReload();
}
