using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PredictiveLeads.Api.Storage;

namespace PredictiveLeads.Api.Webhooks;

/// <summary>
/// The opaque cursor of the deliveries listing: the last listed delivery's creation time and id, base64url. Keyset
/// paging: the next page starts after that position in the listing's order, so deliveries added meanwhile neither
/// repeat nor shift a page.
/// </summary>
public static class DeliveryCursor
{
    private const char Separator = '|';

    public static string Write(DeliveryPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{position.CreatedAt.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}{Separator}{position.Id}"));

    /// <summary>The position a cursor names; null when it is not one this service wrote.</summary>
    public static DeliveryPosition? Read(string cursor)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
        var separator = text.IndexOf(Separator);
        if (separator <= 0 || separator == text.Length - 1
            || !long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks)
            return null;
        return new DeliveryPosition(new DateTime(ticks, DateTimeKind.Utc), text[(separator + 1)..]);
    }
}
