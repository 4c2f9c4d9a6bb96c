import { defineScenarios } from './scenarios';
import { firefoxDriver } from './firefox-driver';

defineScenarios(firefoxDriver);
