export * from "./questionnaire";
export * from "./need-kubernetes";
