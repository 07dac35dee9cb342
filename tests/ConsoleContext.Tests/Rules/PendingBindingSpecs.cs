using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>R1's pending rules: what binds a call that has no owner (record, screen pop, claim).</summary>
public class PendingBindingSpecs
{
    private readonly RuleTape _tape = new();

    private static string CallAt(double seconds, string callId) =>
        $$"""{"type":"callStarted","callId":"{{callId}}","callType":"inbound","at":"{{At(seconds)}}"}""";

    private static string TabCreatedAt(double seconds, string tabId) =>
        $$"""{"type":"tabCreated","tabId":"{{tabId}}","at":"{{At(seconds)}}"}""";

    // ---- bound-by-record ----

    [Fact]
    public void Pending_a_tab_created_on_the_call_record_binds_it()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""").Is("applied", "pending-owner");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"003B"}""")
            .Is("applied", "bound-by-record").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void Pending_a_tab_replaced_with_the_call_record_binds_it()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""");
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0","recordId":"003B"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void Pending_navigating_the_focused_tab_to_the_call_record_binds_it_whatever_R3_would_say()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0"}""",
            """{"type":"tabFocused","currentTabId":"ctab0"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003B","recordId":"003B"}""")
            .Is("applied", "bound-by-record").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void Pending_any_record_already_related_to_the_call_binds_it()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","tabId":"ctab0"}""",
            """{"type":"tabClosed","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab5","recordId":"001A"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab5"));
    }

    [Fact]
    public void Pending_a_record_binds_every_pending_call_it_fits()
    {
        _tape.Feed(
            """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""",
            """{"type":"callStarted","callId":"c2","callType":"inbound","recordId":"500D"}""",
            """{"type":"callStarted","callId":"c3","callType":"consult","recordId":"003B"}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"003B"}""")
            .Is("applied", "bound-by-record")
            .Lists(Call("c1", "ringing", "ctab0"), Call("c2", "ringing", null), Call("c3", "ringing", "ctab0"));
    }

    [Fact]
    public void Pending_an_unrelated_record_does_not_bind()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""");
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0","recordId":"003C"}""")
            .Is("ignored", "not-call-active-tab").Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void Pending_tabs_already_showing_a_related_record_do_not_bind_by_themselves()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", null));

        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1"}""").Is("ignored", "not-call-active-tab").Lists(Call("c1", "ringing", null));
        _tape.Feed("""{"type":"tabRefreshed","tabId":"ctab1"}""").Is("ignored", "not-call-active-tab").Lists(Call("c1", "ringing", null));
        _tape.Feed("""{"type":"tabUpdated","tabId":"ctab1","title":"Ann"}""").Is("applied").Lists(Call("c1", "ringing", null));
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003B","recordId":"003B"}""")
            .Is("applied", "bound-by-record").OnTab("ctab1").Lists(Call("c1", "ringing", "ctab1"));
    }

    [Fact]
    public void Pending_a_bound_call_is_not_moved_by_a_record()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""").Is("applied").Lists(Call("c1", "ringing", "ctab0"));
    }

    // ---- bound-by-screen-pop ----

    [Fact]
    public void Pending_a_tab_created_soon_after_a_call_without_record_is_its_screen_pop()
    {
        _tape.Feed(CallAt(0, "c1")).Is("applied", "pending-owner");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"003B","objectType":"Contact","at":"{{At(3)}}"}""")
            .Is("applied", "bound-by-screen-pop").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(["003B"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Theory]
    [InlineData(0, "bound-by-screen-pop")]
    [InlineData(10, "bound-by-screen-pop")]
    [InlineData(10.001, null)]
    [InlineData(-0.001, null)]
    [InlineData(-5, null)]
    public void Pending_the_screen_pop_window_is_ten_seconds_inclusive_and_never_backwards(double tabAt, string? reason)
    {
        _tape.Feed(CallAt(0, "c1"));
        _tape.Feed(TabCreatedAt(tabAt, "ctab0")).Is("applied", reason).Lists(Call("c1", "ringing", reason is null ? null : "ctab0"));
    }

    [Theory]
    [InlineData(9, "bound-by-screen-pop")]
    [InlineData(11, null)]
    public void Pending_without_at_the_screen_pop_window_is_measured_on_arrival_time(double tabArrival, string? reason)
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        _tape.ArrivedAt = T0.AddSeconds(tabArrival);
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""").Is("applied", reason);
    }

    [Fact]
    public void Pending_the_screen_pop_window_comes_from_the_settings()
    {
        var tape = new RuleTape(ConsoleContext.Rules.OwnershipSettings.Default with { ScreenPopWindow = TimeSpan.FromSeconds(30) });
        tape.Feed(CallAt(0, "c1"));
        tape.Feed(TabCreatedAt(25, "ctab0")).Is("applied", "bound-by-screen-pop");
    }

    [Fact]
    public void Pending_a_call_with_a_record_is_not_bound_by_a_screen_pop()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","at":"{{At(0)}}"}""");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"500D","at":"{{At(1)}}"}""").Is("applied").Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void Pending_a_call_that_had_an_owner_is_not_bound_by_a_screen_pop()
    {
        _tape.Feed(TabCreatedAt(0, "ctab0"), $$"""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0","at":"{{At(0)}}"}""", """{"type":"tabClosed","tabId":"ctab0"}""");
        _tape.Feed(TabCreatedAt(1, "ctab1")).Is("applied").Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void Pending_a_screen_pop_binds_only_the_oldest_waiting_call_one_per_tab()
    {
        _tape.Feed(CallAt(0, "c1"), CallAt(1, "c2"));
        _tape.Feed(TabCreatedAt(2, "ctab0")).Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", "ctab0"), Call("c2", "ringing", null));
        _tape.Feed(TabCreatedAt(3, "ctab1")).Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", "ctab0"), Call("c2", "ringing", "ctab1"));
    }

    [Fact]
    public void Pending_an_oldest_call_outside_its_window_leaves_the_pop_to_a_younger_one()
    {
        _tape.Feed(CallAt(0, "c1"), CallAt(8, "c2"));
        _tape.Feed(TabCreatedAt(12, "ctab0")).Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", null), Call("c2", "ringing", "ctab0"));
    }

    [Fact]
    public void Pending_replacing_or_navigating_a_tab_is_never_a_screen_pop()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"tabFocused","currentTabId":"ctab0"}""", CallAt(0, "c1"));
        _tape.Feed($$"""{"type":"tabReplaced","tabId":"ctab0","recordId":"003B","at":"{{At(1)}}"}""").Is("ignored", "not-call-active-tab");
        _tape.Feed($$"""{"type":"navigationChanged","url":"/r/003C","recordId":"003C","at":"{{At(2)}}"}""").Is("ignored", "not-call-active-tab");
        _tape.Feed($$"""{"type":"tabFocused","currentTabId":"ctab0","at":"{{At(3)}}"}""").Is("ignored", "not-call-active-tab")
            .Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void Pending_when_one_tab_fits_both_the_record_wins()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","at":"{{At(0)}}"}""", CallAt(1, "c2"));
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"003B","at":"{{At(2)}}"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0"), Call("c2", "ringing", null));
    }

    [Fact]
    public void Pending_a_subtab_can_be_a_screen_pop()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", CallAt(0, "c1"));
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","at":"{{At(1)}}"}""").Is("applied", "bound-by-screen-pop")
            .Lists(Call("c1", "ringing", "ctab0_1"));
    }

    // ---- bound-by-claim ----

    [Fact]
    public void Pending_a_claim_for_an_open_tab_binds_the_call_and_relates_the_tab_record()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"500D"}""", """{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        _tape.Feed("""{"type":"callClaimed","callId":"c1","tabId":"ctab0"}""")
            .Is("applied", "bound-by-claim").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(["500D"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void Pending_a_claim_moves_an_existing_owner()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab1"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"callClaimed","callId":"c1","tabId":"ctab1"}""").Is("applied", "bound-by-claim").Lists(Call("c1", "ringing", "ctab1"));
        Assert.Equal("ctab1", _tape.Call("c1").OwnerTabId);
    }

    [Fact]
    public void Pending_a_claim_for_a_tab_that_is_not_open_is_ignored_and_moves_nothing()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"callClaimed","callId":"c1","tabId":"ctab9"}""").Is("ignored", "unknown-tab").OnTab("ctab9").Lists(Call("c1", "ringing", "ctab0"));
        Assert.DoesNotContain(_tape.Snapshot.Tabs, t => t.TabId == "ctab9");
    }

    [Fact]
    public void Pending_a_claim_checks_the_call_before_the_tab()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""", """{"type":"callEnded","callId":"c1"}""");
        _tape.Feed("""{"type":"callClaimed","callId":"c9","tabId":"ctab9"}""").Is("ignored", "unknown-call");
        _tape.Feed("""{"type":"callClaimed","callId":"c1","tabId":"ctab9"}""").Is("ignored", "call-ended");
    }
}
