/// <reference types="node" />
// Writes the screening Questionnaire built from the request's field table to codes/fhir/, where it is shipped.
import { writeFileSync } from 'node:fs';
import { buildScreeningQuestionnaire } from '../src/adapters/fhir/screening-questionnaire.js';

const file = 'codes/fhir/screening-questionnaire.json';
writeFileSync(file, `${JSON.stringify(buildScreeningQuestionnaire(), null, 2)}\n`);
console.log(`wrote ${file}`);
