import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { prefetch } from "./api/api-client";
import { firstLoadsFor, openEarly } from "./collab/early-rooms";
import "prosemirror-view/style/prosemirror.css";
import "./styles.css";

// The page's rooms and details start loading now, while React and the session get going.
const first = firstLoadsFor(window.location.pathname);
openEarly(first.rooms);
prefetch(first.requests);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
