using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PredictiveLeads.Api.Storage;

/// <summary>
/// ASP.NET Core's Data Protection key ring, kept in the service's database rather than in the home folder, so that every
/// instance of the service shares it. Sessions do not depend on it (their cookie holds a random token, not protected data);
/// the framework creates the ring at start all the same.
/// </summary>
public abstract partial class SqlPredictionStore : IXmlRepository
{
    private const string KeyRingTable = "CREATE TABLE IF NOT EXISTS data_protection_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL)";

    private int _keyRingReady;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureKeyRingTable();
        using var connection = OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys ORDER BY name";
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
            keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureKeyRingTable();
        using var connection = OpenDurableAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING";
        Add(command, "@name", friendlyName);
        Add(command, "@xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    /// <summary>The framework reads the ring while the service starts, before the store's own start has created the tables.</summary>
    private void EnsureKeyRingTable()
    {
        if (Volatile.Read(ref _keyRingReady) == 1)
            return;
        InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        Volatile.Write(ref _keyRingReady, 1);
    }
}
