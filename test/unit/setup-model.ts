// Every unit test process reads the committed entity model, as the CLI and the workers do.
import { useEntityModelFile } from '../../src/entity-model-file';

useEntityModelFile();
