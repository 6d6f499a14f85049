import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { openEarly, roomsForPath } from "./collab/early-rooms";
import "prosemirror-view/style/prosemirror.css";
import "./styles.css";

// The page's rooms start loading now, while the session and the page's details are on their way.
openEarly(roomsForPath(window.location.pathname));

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
