import fc from 'fast-check';
import { propertySeed } from '../properties/properties';

// Every fast-check run in the unit tests uses the one fixed (or SEED_PROPERTY_SEED) seed, so a
// run passes or fails the same way on every machine. global-setup prints it.
fc.configureGlobal({ seed: propertySeed() });
