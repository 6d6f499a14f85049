import { useState } from "react";
import type { Member } from "../api/api-client";

/**
 * Who runs the meeting: the facilitator hands the role over and says whether attendees decide too;
 * an owner takes the role over when the facilitator has gone (a meeting goes on without them).
 */
export function FacilitationControls(props: {
  selfId: string;
  facilitates: boolean;
  isOwner: boolean;
  facilitatorPresent: boolean;
  attendeesDecide: boolean;
  candidates: readonly Member[];
  onHandOver: (userId: string) => void;
  onAttendeesDecide: (allowed: boolean) => void;
}) {
  const [to, setTo] = useState("");
  if (props.facilitates) {
    return (
      <div className="toolbar facilitation">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={props.attendeesDecide}
            onChange={(e) => props.onAttendeesDecide(e.target.checked)}
          />
          Let attendees decide items too
        </label>
        <label>
          Hand the facilitation to{" "}
          <select value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">someone…</option>
            {props.candidates.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" disabled={!to} onClick={() => props.onHandOver(to)}>
          Hand over
        </button>
      </div>
    );
  }
  if (props.isOwner && !props.facilitatorPresent) {
    return (
      <p className="notice" role="status">
        The facilitator is not here.{" "}
        <button type="button" className="link-button" onClick={() => props.onHandOver(props.selfId)}>
          Take over the facilitation
        </button>
      </p>
    );
  }
  return null;
}
