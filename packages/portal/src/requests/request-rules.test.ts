import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { signUnsubscribe, verifyUnsubscribe } from "./request-link";
import { addDays, digestTime, parseDueDate, parseTemplateItems, progressOf, urgency } from "./request-rules";

describe("request rules", () => {
  it("digests go out from the firm's hour, Paris time, and not on weekends unless the firm says so", () => {
    const schedule = { hour: 8, weekends: false };
    assert.equal(digestTime(schedule, Date.parse("2026-12-07T06:59:00Z")), false, "Monday 7:59 in Paris");
    assert.equal(digestTime(schedule, Date.parse("2026-12-07T07:00:00Z")), true, "Monday 8:00 in Paris");
    assert.equal(digestTime(schedule, Date.parse("2026-12-12T10:00:00Z")), false, "Saturday");
    assert.equal(
      digestTime({ hour: 8, weekends: true }, Date.parse("2026-12-13T10:00:00Z")),
      true,
      "Sunday, asked for",
    );
    // Summer time: 8:00 in Paris is 6:00 UTC.
    assert.equal(digestTime(schedule, Date.parse("2026-07-06T06:00:00Z")), true);
  });

  it("an item is late after its day, due soon within 3 days", () => {
    assert.equal(urgency("2026-12-06", "2026-12-07"), "late");
    assert.equal(urgency("2026-12-07", "2026-12-07"), "soon");
    assert.equal(urgency("2026-12-10", "2026-12-07"), "soon");
    assert.equal(urgency("2026-12-11", "2026-12-07"), "later");
    assert.equal(addDays("2026-12-30", 3), "2027-01-02");
  });

  it("template lines are 'label | folder', the folder defaulting; an empty template is refused", () => {
    assert.deepEqual(parseTemplateItems("Relevés | Pièces comptables\r\n\n  Kbis  \n", "Fiscal"), [
      { label: "Relevés", folder: "Pièces comptables" },
      { label: "Kbis", folder: "Fiscal" },
    ]);
    assert.equal(parseTemplateItems(" \n", "Fiscal"), undefined);
    assert.equal(parseTemplateItems(" | Fiscal", "Fiscal"), undefined);
    assert.equal(parseTemplateItems("x\n".repeat(51), "Fiscal"), undefined);
  });

  it("due dates are real days", () => {
    assert.equal(parseDueDate("2026-02-28"), "2026-02-28");
    assert.equal(parseDueDate("2026-02-30"), undefined);
    assert.equal(parseDueDate("28/02/2026"), undefined);
  });

  it("a list is complete when every item is accepted", () => {
    assert.deepEqual(progressOf(["accepted", "answered", "rejected"]), {
      accepted: 1,
      answered: 1,
      total: 3,
      complete: false,
    });
    assert.equal(progressOf(["accepted", "accepted"]).complete, true);
  });

  it("an unsubscribe link is checked against its signature, person and list alike", () => {
    const token = signUnsubscribe("key", "contact-1", "list-1");
    assert.deepEqual(verifyUnsubscribe("key", token), { contactId: "contact-1", listId: "list-1" });
    assert.equal(verifyUnsubscribe("other key", token), undefined);
    assert.equal(verifyUnsubscribe("key", token.replace("list-1", "list-2")), undefined);
    assert.equal(verifyUnsubscribe("key", `${token}.x`), undefined);
    assert.equal(verifyUnsubscribe("key", ""), undefined);
  });
});
