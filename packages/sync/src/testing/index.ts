export {
  type CraftedItem,
  type CraftedStruct,
  craftDeletion,
  craftStructs,
  craftUpdate,
} from "./craft-update";
export { settle } from "./settle";
export { describeDocumentStorageContract, type StorageFixture } from "./storage-contract-suite";
export { createSocketPair, type TestClient } from "./test-client";
