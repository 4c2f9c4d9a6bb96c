import { defineScenarios } from './scenarios';
import { chromiumDriver } from './chromium-driver';

defineScenarios(chromiumDriver);
