using PredictiveLeads.Scoring.Webhooks;

namespace PredictiveLeads.Scoring.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_timestamp_dot_body()
    {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec-0123456789abcdef', b'1700000000.{\"id\":\"e1\"}', hashlib.sha256).hexdigest())"
        Assert.Equal("sha256=475145d8ab7a55b4e1e67de0f9efad85edf150d83de62d06764a208144a61d0f",
            WebhookSignature.Sign("whsec-0123456789abcdef", 1_700_000_000, "{\"id\":\"e1\"}"));
    }

    [Fact]
    public void Another_body_timestamp_or_secret_does_not_verify()
    {
        var signature = WebhookSignature.Sign("whsec-0123456789abcdef", 1_700_000_000, "{}");

        Assert.True(WebhookSignature.Verify("whsec-0123456789abcdef", 1_700_000_000, "{}", signature));
        Assert.False(WebhookSignature.Verify("whsec-0123456789abcdef", 1_700_000_001, "{}", signature));
        Assert.False(WebhookSignature.Verify("whsec-0123456789abcdef", 1_700_000_000, "{ }", signature));
        Assert.False(WebhookSignature.Verify("whsec-other-secret-00", 1_700_000_000, "{}", signature));
    }

    [Fact]
    public void Retries_wait_exponentially_longer_up_to_the_cap_with_jitter_below_the_bound()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromSeconds(10), schedule.After(1, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(40), schedule.After(3, 1.0));
        Assert.Equal(TimeSpan.FromMinutes(5), schedule.After(20, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(4), schedule.After(3, 0.0));
        Assert.InRange(schedule.After(3, 0.5), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(40));
    }
}
