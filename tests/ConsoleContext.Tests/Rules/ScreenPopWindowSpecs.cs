using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R1 bound-by-screen-pop with the v2 window: a tabCreated at most screen-pop-window after the call's start or after its
/// first callConnected (inclusive, never reaching back); only callConnected counts as the answer; a call that has had
/// an owner in its life (pending again after owner-closed) is never popped.
/// </summary>
public class ScreenPopWindowSpecs
{
    private readonly RuleTape _tape = new();

    private static string TabAt(double seconds, string tabId = "ctab5") =>
        $$"""{"type":"tabCreated","tabId":"{{tabId}}","at":"{{At(seconds)}}"}""";

    private static string StateAt(string type, double seconds) => $$"""{"type":"{{type}}","callId":"c1","at":"{{At(seconds)}}"}""";

    private void RingingAt(double seconds) =>
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","at":"{{At(seconds)}}"}""").Is("applied", "pending-owner");

    [Theory]
    [InlineData(0, "bound-by-screen-pop")]
    [InlineData(4, "bound-by-screen-pop")]
    [InlineData(10, "bound-by-screen-pop")]
    [InlineData(10.001, null)]
    [InlineData(-0.001, null)]
    public void ScreenPop_the_window_counts_from_the_start_inclusive_and_never_backwards(double tabAt, string? reason)
    {
        RingingAt(0);
        _tape.Feed(TabAt(tabAt)).Is("applied", reason);
    }

    [Theory]
    [InlineData(30, "bound-by-screen-pop")]
    [InlineData(35, "bound-by-screen-pop")]
    [InlineData(40, "bound-by-screen-pop")]
    [InlineData(40.001, null)]
    [InlineData(29.999, null)]
    [InlineData(20, null)]
    public void ScreenPop_the_window_also_counts_from_the_answer(double tabAt, string? reason)
    {
        RingingAt(0);
        _tape.Feed(StateAt("callConnected", 30)).Is("applied");
        _tape.Feed(TabAt(tabAt)).Is("applied", reason);
    }

    [Fact]
    public void ScreenPop_a_tab_created_between_start_window_and_answer_is_not_a_pop()
    {
        RingingAt(0);
        _tape.Feed(TabAt(15)).Is("applied", null);
        _tape.Feed(StateAt("callConnected", 30));
        Assert.Null(_tape.Call("c1").OwnerTabId);
    }

    [Fact]
    public void ScreenPop_only_the_first_call_connected_counts_as_the_answer()
    {
        RingingAt(0);
        _tape.Feed(StateAt("callConnected", 30), StateAt("callHeld", 35), StateAt("callConnected", 60));
        _tape.Feed(TabAt(65)).Is("applied", null);
        _tape.Feed(TabAt(40, "ctab6")).Is("applied", "bound-by-screen-pop");
    }

    [Fact]
    public void ScreenPop_call_resumed_is_not_the_answer()
    {
        RingingAt(0);
        _tape.Feed(StateAt("callHeld", 20), StateAt("callResumed", 30));
        _tape.Feed(TabAt(35)).Is("applied", null).Lists(Call("c1", "connected", null));
    }

    [Fact]
    public void ScreenPop_call_held_is_not_the_answer()
    {
        RingingAt(0);
        _tape.Feed(StateAt("callHeld", 30));
        _tape.Feed(TabAt(35)).Is("applied", null);
    }

    [Fact]
    public void ScreenPop_a_connect_after_resume_is_still_the_first_answer()
    {
        RingingAt(0);
        _tape.Feed(StateAt("callHeld", 20), StateAt("callResumed", 30), StateAt("callConnected", 50));
        _tape.Feed(TabAt(55)).Is("applied", "bound-by-screen-pop");
    }

    [Fact]
    public void ScreenPop_the_answer_window_never_reaches_back_before_the_answer()
    {
        RingingAt(0);
        _tape.Feed(StateAt("callConnected", 30));
        // Received after the answer, but its event time is before it and past the start's window.
        _tape.Feed(TabAt(25)).Is("applied", null);
    }

    [Fact]
    public void ScreenPop_a_call_pending_again_after_its_owner_closed_is_never_popped()
    {
        _tape.Feed(TabAt(0, "ctab0"));
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0","at":"{{At(1)}}"}""");
        _tape.Feed($$"""{"type":"tabClosed","tabId":"ctab0","at":"{{At(2)}}"}""").Is("applied", "owner-closed");
        _tape.Feed(TabAt(3)).Is("applied", null).Lists(Call("c1", "ringing", null));
        _tape.Feed(StateAt("callConnected", 4));
        _tape.Feed(TabAt(5, "ctab6")).Is("applied", null).Lists(Call("c1", "connected", null));
    }

    [Fact]
    public void ScreenPop_a_call_claimed_then_left_by_its_owner_is_never_popped()
    {
        RingingAt(0);
        _tape.Feed(TabAt(-5, "ctab0"));
        _tape.Feed($$"""{"type":"callClaimed","callId":"c1","tabId":"ctab0","at":"{{At(1)}}"}""");
        _tape.Feed($$"""{"type":"tabClosed","tabId":"ctab0","at":"{{At(2)}}"}""").Is("applied", "owner-closed");
        _tape.Feed(TabAt(3)).Is("applied", null);
    }

    [Fact]
    public void ScreenPop_a_call_with_a_record_is_never_popped_even_after_the_answer()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003Z","at":"{{At(0)}}"}""");
        _tape.Feed(StateAt("callConnected", 30));
        _tape.Feed(TabAt(31)).Is("applied", null);
    }

    [Fact]
    public void ScreenPop_focus_refresh_and_navigation_never_pop()
    {
        RingingAt(0);
        _tape.Feed($$"""{"type":"tabFocused","currentTabId":"ctab8","at":"{{At(1)}}"}""").Is("ignored", "not-call-active-tab");
        _tape.Feed($$"""{"type":"tabRefreshed","tabId":"ctab8","at":"{{At(2)}}"}""").Is("ignored", "not-call-active-tab");
        _tape.Feed($$"""{"type":"navigationChanged","url":"/home","tabId":"ctab9","at":"{{At(3)}}"}""").Is("ignored", "not-call-active-tab");
        _tape.Feed($$"""{"type":"tabReplaced","tabId":"ctab7","at":"{{At(4)}}"}""").Is("ignored", "not-call-active-tab");
        Assert.Null(_tape.Call("c1").OwnerTabId);
    }

    [Fact]
    public void ScreenPop_one_tab_pops_one_call_the_oldest_waiting()
    {
        RingingAt(0);
        _tape.Feed($$"""{"type":"callStarted","callId":"c2","callType":"inbound","at":"{{At(1)}}"}""");
        _tape.Feed(TabAt(2)).Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", "ctab5"), Call("c2", "ringing", null));
        _tape.Feed(TabAt(3, "ctab6")).Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", "ctab5"), Call("c2", "ringing", "ctab6"));
    }

    [Theory]
    [InlineData(3, "bound-by-screen-pop")]
    [InlineData(3.001, null)]
    public void ScreenPop_the_window_comes_from_the_settings_for_the_answer_too(double afterAnswer, string? reason)
    {
        var tape = new RuleTape(OwnershipSettings.Default with { ScreenPopWindow = TimeSpan.FromSeconds(3) });
        tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","at":"{{At(0)}}"}""", StateAt("callConnected", 20));
        tape.Feed(TabAt(20 + afterAnswer)).Is("applied", reason);
    }
}
