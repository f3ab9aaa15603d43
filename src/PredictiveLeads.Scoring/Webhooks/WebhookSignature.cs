using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PredictiveLeads.Scoring.Webhooks;

/// <summary>
/// How a receiver knows a delivery came from us and was not replayed later: the HMAC-SHA256, under the endpoint's
/// secret, of the Unix time in seconds, a dot, and the body exactly as sent; sent as <c>sha256=</c> and lower-case hex.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-PredictiveLeads-Timestamp";
    public const string SignatureHeader = "X-PredictiveLeads-Signature";
    private const string Scheme = "sha256=";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var signed = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether <paramref name="signature"/> is <see cref="Sign"/>'s for these, compared in constant time.</summary>
    public static bool Verify(string secret, long unixSeconds, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, unixSeconds, body)), Encoding.ASCII.GetBytes(signature));
}
