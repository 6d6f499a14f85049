import { createMemoryStorage } from "./memory-storage";
import { describeDocumentStorageContract } from "./testing";

describeDocumentStorageContract("the in-memory storage", { create: createMemoryStorage });
